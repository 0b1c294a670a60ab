using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// One sentence per node: what the layer is, in the words of the FCN paper, followed by the spec's own
/// comment when it has one (the comment adds to the computed facts, it does not replace them). This is the
/// one definition of a node's description; <see cref="NodeSummary.Description"/> holds it as plain text,
/// and the generator renders the same sentence as XML documentation by overriding <see cref="Text"/> and
/// <see cref="Parameter"/>.
/// </summary>
public class NodeDescriber : IOperationVisitor<string>
{
    /// <summary>Plain text, as the summary shows it.</summary>
    public static NodeDescriber Plain { get; } = new();

    /// <summary>The node's sentence, with the spec's comment on it appended as a sentence of its own.</summary>
    public string Describe(Node node)
    {
        string computed = node.Accept(this);
        if (string.IsNullOrWhiteSpace(node.Documentation)) return computed;
        string comment = node.Documentation!.Trim();
        if (!comment.EndsWith(".", System.StringComparison.Ordinal)) comment += ".";
        return computed + " " + Text(comment);
    }

    /// <summary>Writes prose (names, numbers, arrows); the XML rendering escapes it.</summary>
    protected virtual string Text(string text) => text;

    /// <summary>
    /// A value that a declared spec parameter supplies, by the parameter's name and never as the YAML's
    /// raw <c>$name</c>, with its default.
    /// </summary>
    protected virtual string Parameter(string name, double defaultValue) =>
        name + " (a constructor parameter, default " + Number(defaultValue) + ")";

    /// <summary>Invariant, round-trippable, always with a decimal point: <c>0.01</c>, <c>1.0</c>.</summary>
    protected static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOf('.') < 0 && text.IndexOf('E') < 0 ? text + ".0" : text;
    }

    public string VisitInput(Node node, InputOperation input) =>
        Text("The input image: " + Int(input.Channels) + " channels.");

    public string VisitConv(Node node, ConvOperation conv) =>
        Text((conv.IsScore ? "Class scores" : "Convolution") + Of(node) + ": " + Kernel(conv.Kernel) + ", " + conv.In + " -> " + conv.Out + " channels"
            + (conv.Stride != 1 ? ", stride " + Int(conv.Stride) : "")
            + (conv.Pad != 0 ? ", padding " + Int(conv.Pad) : "")
            + (conv.Dilation != 1 ? ", dilation " + Int(conv.Dilation) : "")
            + (conv.Groups != 1 ? ", " + Int(conv.Groups) + " groups" : "") + ".");

    public string VisitUpsample(Node node, UpsampleOperation upsample) =>
        Text(Int(upsample.Factor) + "x upsampling" + Of(node) + ": a transposed convolution, "
            + Kernel(upsample.Kernel) + " stride " + Int(upsample.Stride)
            + (upsample.Init == InitKind.Bilinear ? ", started as bilinear interpolation" : "")
            + (upsample.Learnable ? "" : ", fixed") + ".");

    public string VisitBatchNorm(Node node, BatchNormOperation batchNorm) =>
        Text("Batch normalization" + Of(node) + " over " + batchNorm.Channels + " channels.");

    public string VisitRelu(Node node, ReluOperation relu) => Text("ReLU" + Of(node) + ".");

    public string VisitPool(Node node, PoolOperation pool) =>
        Text((pool.Pool == PoolKind.Max ? "Max" : "Average") + " pooling" + Of(node) + ": " + Kernel(pool.Kernel)
            + " stride " + Int(pool.Stride) + (pool.CeilMode ? ", output size rounded up" : "") + ".");

    public string VisitDropout(Node node, DropoutOperation dropout) =>
        Text("Dropout" + Of(node) + " with probability ") + Scalar(dropout.Probability) + Text(".");

    public string VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) =>
        Text("Local response normalization" + Of(node) + " across " + Int(lrn.Size) + " channels.");

    public string VisitScale(Node node, ScaleOperation scale) =>
        Text("Scaling" + Of(node) + " by ") + Scalar(scale.Factor) + Text(".");

    public string VisitSum(Node node, SumOperation sum) =>
        Text((sum.IsWeighted ? "Weighted sum" : "Sum") + Of(node) + Crops(node)
            + (sum.IsWeighted ? ", with coefficients " + string.Join(", ", sum.Coefficients.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) : "") + ".");

    public string VisitConcat(Node node, ConcatOperation concat) => Text("Channel concatenation" + Of(node) + Crops(node) + ".");

    public string VisitResize(Node node, ResizeOperation resize) =>
        Text("Bilinear resize" + Of(node) + " to the size of " + resize.Reference + ".");

    public string VisitCrop(Node node, CropOperation crop) =>
        Text("Crop" + Of(node) + " to the size of " + crop.Reference + " at offset " + Int(crop.Offset) + ".");

    public string VisitFcnHead(Node node, FcnHeadOperation head) =>
        Text("FCN head" + Of(node) + " (conv 3x3, batch norm, ReLU, dropout, conv 1x1): " + head.In + " -> "
            + Int(head.Channels) + " -> " + head.Out + " channels.");

    public string VisitResNet(Node node, ResNetOperation resnet) =>
        Text("ResNet-" + Int(resnet.Depth) + " trunk (conv1 ... layer4)"
            + (resnet.Dilation.Contains(true) ? ", later stages dilated instead of strided" : "") + ".");

    public string VisitTap(Node node, TapOperation tap) => Text("Feature map " + tap.Feature + Of(node) + ".");

    private string Scalar(ScalarValue value) =>
        value.Parameter is null ? Text(Number(value.Value)) : Parameter(value.Parameter, value.Value);

    /// <summary><c> of a</c>, <c> of a and b</c>, <c> of a, b and c</c>.</summary>
    private static string Of(Node node)
    {
        int count = node.Inputs.Count;
        if (count == 0) return "";
        if (count == 1) return " of " + node.Inputs[0];
        return " of " + string.Join(", ", node.Inputs.Take(count - 1)) + " and " + node.Inputs[count - 1];
    }

    /// <summary><c>, score_pool4 cropped at 5</c>: where a fusion crops its inputs onto the first.</summary>
    private static string Crops(Node node)
    {
        IReadOnlyList<int?> offsets = node.CropOffsets;
        var cropped = Enumerable.Range(0, node.Inputs.Count)
            .Where(i => offsets[i] is not null)
            .Select(i => node.Inputs[i] + " cropped at " + Int(offsets[i]!.Value))
            .ToList();
        return cropped.Count == 0 ? "" : ", " + string.Join(", ", cropped);
    }

    private static string Kernel(int size) => Int(size) + "x" + Int(size);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
