using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Export.PyTorch;

/// <summary>
/// The <c>forward</c> side of each operation: the expression that computes a node's output from the locals
/// of the nodes before it, as the generated C# does (crop offsets as constants, every fused input but the
/// first cropped to the first). Null for the inputs, which are <c>forward</c>'s parameters.
/// </summary>
internal sealed class PyTorchForwardVisitor : IOperationVisitor<string?>
{
    private readonly ISet<PythonHelper> helpers;

    /// <param name="helpers">Collects the helper functions the expressions call.</param>
    public PyTorchForwardVisitor(ISet<PythonHelper> helpers) => this.helpers = helpers;

    /// <summary>Whether <c>forward</c> calls <c>torch.nn.functional</c> (the module then imports it as F).</summary>
    public bool UsesFunctional { get; private set; }

    public string? VisitInput(Node node, InputOperation input) => null;

    public string? VisitConv(Node node, ConvOperation conv) => Call(node);

    public string? VisitUpsample(Node node, UpsampleOperation upsample) => Call(node);

    public string? VisitBatchNorm(Node node, BatchNormOperation batchNorm) => Call(node);

    public string? VisitRelu(Node node, ReluOperation relu) => Call(node);

    public string? VisitPool(Node node, PoolOperation pool) => Call(node);

    public string? VisitDropout(Node node, DropoutOperation dropout) => Call(node);

    public string? VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) => Call(node);

    public string? VisitFcnHead(Node node, FcnHeadOperation head) => Call(node);

    public string? VisitScale(Node node, ScaleOperation scale) =>
        First(node) + " * " + (scale.Factor.Parameter is null ? PythonLiterals.Double(scale.Factor.Value) : "self." + scale.Factor.Parameter);

    /// <summary>
    /// A weighted sum multiplies every term by its coefficient, ones included, then adds left to right, as the
    /// generated C# does, so the float32 roundings are the same on both sides (Caffe's Eltwise SUM with coeff).
    /// </summary>
    public string? VisitSum(Node node, SumOperation sum) =>
        string.Join(" + ", Aligned(node, sum.CropOffsets).Select((term, i) => sum.IsWeighted ? term + " * " + PythonLiterals.Double(sum.CoefficientOf(i)) : term));

    public string? VisitConcat(Node node, ConcatOperation concat) =>
        "torch.cat([" + string.Join(", ", Aligned(node, concat.CropOffsets)) + "], dim=1)";

    /// <summary>Bilinear, align_corners False: what Fcn.Runtime's Resize and torchvision's FCN do.</summary>
    public string? VisitResize(Node node, ResizeOperation resize)
    {
        UsesFunctional = true;
        return "F.interpolate(" + First(node) + ", size=" + PythonNames.Local(resize.Reference) + ".shape[-2:], mode=\"bilinear\", align_corners=False)";
    }

    public string? VisitCrop(Node node, CropOperation crop) => CropLike(First(node), PythonNames.Local(crop.Reference), crop.Offset);

    public string? VisitResNet(Node node, ResNetOperation resnet)
    {
        helpers.Add(PythonHelper.ResNetTrunk);
        return "resnet_stages(" + PythonNames.Layer(node.Name) + ", " + First(node) + ")";
    }

    public string? VisitTap(Node node, TapOperation tap) => First(node) + "[" + PythonLiterals.String(tap.Feature) + "]";

    private static string Call(Node node) => PythonNames.Layer(node.Name) + "(" + First(node) + ")";

    private static string First(Node node) => PythonNames.Local(node.Inputs[0]);

    /// <summary>The inputs of a fusion, each but the first cropped to the first at its offset, whether or not the offset is zero.</summary>
    private IEnumerable<string> Aligned(Node node, EquatableArray<int> offsets)
    {
        string first = First(node);
        return node.Inputs.Select((input, i) => i == 0
            ? first
            : CropLike(PythonNames.Local(input), first, i < offsets.Count ? offsets[i] : 0));
    }

    private string CropLike(string x, string reference, int offset)
    {
        helpers.Add(PythonHelper.CropLike);
        return "crop_like(" + x + ", " + reference + ", " + PythonLiterals.Int(offset) + ")";
    }
}
