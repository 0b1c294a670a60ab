using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Export.PyTorch;

/// <summary>
/// The constructor's side of each operation: the <c>torch.nn</c> layer a module node becomes, with the same
/// arguments, parameter shapes and initialization as the generated TorchSharp class (Fcn.Runtime's layers),
/// or null for the operations that are arithmetic in <c>forward</c> (sum, crop, resize, ...). Arguments equal
/// to PyTorch's defaults are left out, so a line reads like hand-written code.
/// </summary>
internal sealed class PyTorchLayerVisitor : IOperationVisitor<PythonLayer?>
{
    private readonly ISet<PythonHelper> helpers;

    /// <param name="helpers">Collects the helper functions the layers call.</param>
    public PyTorchLayerVisitor(ISet<PythonHelper> helpers) => this.helpers = helpers;

    public PythonLayer? VisitInput(Node node, InputOperation input) => null;

    public PythonLayer? VisitConv(Node node, ConvOperation conv)
    {
        var arguments = new List<string>
        {
            PythonLiterals.Channels(conv.In),
            PythonLiterals.Channels(conv.Out),
            "kernel_size=" + PythonLiterals.Int(conv.Kernel),
        };
        if (conv.Stride != 1) arguments.Add("stride=" + PythonLiterals.Int(conv.Stride));
        if (conv.Pad != 0) arguments.Add("padding=" + PythonLiterals.Int(conv.Pad));
        if (conv.Dilation != 1) arguments.Add("dilation=" + PythonLiterals.Int(conv.Dilation));
        if (conv.Groups != 1) arguments.Add("groups=" + PythonLiterals.Int(conv.Groups));
        if (!conv.Bias) arguments.Add("bias=False");
        return new PythonLayer("nn.Conv2d(" + string.Join(", ", arguments) + ")", Initialize(node, conv.Init, conv.InitStd, conv.Bias));
    }

    public PythonLayer? VisitUpsample(Node node, UpsampleOperation upsample)
    {
        string channels = PythonLiterals.Channels(upsample.Channels);
        var arguments = new List<string>
        {
            channels,
            channels,
            "kernel_size=" + PythonLiterals.Int(upsample.Kernel),
            "stride=" + PythonLiterals.Int(upsample.Stride),
        };
        if (upsample.Pad != 0) arguments.Add("padding=" + PythonLiterals.Int(upsample.Pad));
        arguments.Add("bias=" + PythonLiterals.Bool(upsample.Bias));

        string layer = PythonNames.Layer(node.Name);
        var initialization = new List<string>();
        if (upsample.Init == InitKind.Bilinear)
        {
            helpers.Add(PythonHelper.BilinearKernel);
            initialization.Add(layer + ".weight.copy_(bilinear_kernel(" + channels + ", " + channels + ", " + PythonLiterals.Int(upsample.Kernel) + "))");
            if (upsample.Bias) initialization.Add(layer + ".bias.zero_()");
        }
        else
        {
            // The IR carries no standard deviation for an upsampling, so `normal` keeps the default, as in C#.
            initialization.AddRange(Initialize(node, upsample.Init, std: null, upsample.Bias));
        }
        // Caffe's reference code fixes the interpolation instead of learning it; only the weight is frozen.
        if (!upsample.Learnable) initialization.Add(layer + ".weight.requires_grad_(False)");
        return new PythonLayer("nn.ConvTranspose2d(" + string.Join(", ", arguments) + ")", initialization);
    }

    public PythonLayer? VisitBatchNorm(Node node, BatchNormOperation batchNorm)
    {
        string text = "nn.BatchNorm2d(" + PythonLiterals.Channels(batchNorm.Channels);
        if (batchNorm.Eps != 1e-5) text += ", eps=" + PythonLiterals.Double(batchNorm.Eps);
        if (batchNorm.Momentum != 0.1) text += ", momentum=" + PythonLiterals.Double(batchNorm.Momentum);
        return PythonLayer.Of(text + ")");
    }

    public PythonLayer? VisitRelu(Node node, ReluOperation relu) => PythonLayer.Of("nn.ReLU()");

    public PythonLayer? VisitPool(Node node, PoolOperation pool)
    {
        var arguments = new List<string>
        {
            "kernel_size=" + PythonLiterals.Int(pool.Kernel),
            "stride=" + PythonLiterals.Int(pool.Stride),
        };
        if (pool.Pad != 0) arguments.Add("padding=" + PythonLiterals.Int(pool.Pad));
        if (pool.CeilMode) arguments.Add("ceil_mode=True");
        return PythonLayer.Of((pool.Pool == PoolKind.Max ? "nn.MaxPool2d(" : "nn.AvgPool2d(") + string.Join(", ", arguments) + ")");
    }

    public PythonLayer? VisitDropout(Node node, DropoutOperation dropout) =>
        PythonLayer.Of("nn.Dropout(p=" + PythonLiterals.Scalar(dropout.Probability) + ")");

    public PythonLayer? VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) =>
        PythonLayer.Of("nn.LocalResponseNorm(" + PythonLiterals.Int(lrn.Size)
            + ", alpha=" + PythonLiterals.Double(lrn.Alpha)
            + ", beta=" + PythonLiterals.Double(lrn.Beta)
            + ", k=" + PythonLiterals.Double(lrn.K) + ")");

    public PythonLayer? VisitScale(Node node, ScaleOperation scale) => null;

    public PythonLayer? VisitSum(Node node, SumOperation sum) => null;

    public PythonLayer? VisitConcat(Node node, ConcatOperation concat) => null;

    public PythonLayer? VisitResize(Node node, ResizeOperation resize) => null;

    public PythonLayer? VisitCrop(Node node, CropOperation crop) => null;

    /// <summary>torchvision's FCNHead (children 0..4, so keys read <c>classifier.1.running_mean</c>), with the spec's widths.</summary>
    public PythonLayer? VisitFcnHead(Node node, FcnHeadOperation head) =>
        PythonLayer.Of(string.Join("\n", new[]
        {
            "nn.Sequential(",
            "    nn.Conv2d(" + PythonLiterals.Channels(head.In) + ", " + PythonLiterals.Int(head.Channels) + ", kernel_size=3, padding=1, bias=False),",
            "    nn.BatchNorm2d(" + PythonLiterals.Int(head.Channels) + "),",
            "    nn.ReLU(),",
            "    nn.Dropout(p=" + PythonLiterals.Scalar(head.Dropout) + "),",
            "    nn.Conv2d(" + PythonLiterals.Int(head.Channels) + ", " + PythonLiterals.Channels(head.Out) + ", kernel_size=1),",
            ")",
        }));

    public PythonLayer? VisitResNet(Node node, ResNetOperation resnet)
    {
        helpers.Add(PythonHelper.ResNetTrunk);
        string flags = string.Join(", ", resnet.Dilation.Select(PythonLiterals.Bool));
        return PythonLayer.Of("resnet_trunk(" + PythonLiterals.Int(resnet.Depth) + ", replace_stride_with_dilation=[" + flags + "])");
    }

    public PythonLayer? VisitTap(Node node, TapOperation tap) => null;

    /// <summary>
    /// The statements for <c>init:</c>, as Fcn.Runtime's Initialization does them: zeros for every parameter,
    /// Normal(0, std) or Kaiming-normal (fan-out, ReLU) weights with zero biases; nothing for the default, for
    /// <c>bilinear</c> on a convolution, or for <c>normal</c> without a standard deviation.
    /// </summary>
    private static IReadOnlyList<string> Initialize(Node node, InitKind init, ScalarValue? std, bool bias)
    {
        string layer = PythonNames.Layer(node.Name);
        string? weight = init switch
        {
            InitKind.Zeros => layer + ".weight.zero_()",
            InitKind.Normal when std is { } deviation => "nn.init.normal_(" + layer + ".weight, mean=0.0, std=" + PythonLiterals.Scalar(deviation) + ")",
            InitKind.Kaiming => "nn.init.kaiming_normal_(" + layer + ".weight, mode=\"fan_out\", nonlinearity=\"relu\")",
            _ => null,
        };
        if (weight is null) return System.Array.Empty<string>();
        return bias ? new[] { weight, layer + ".bias.zero_()" } : new[] { weight };
    }
}
