using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// One sentence per node for the XML documentation of its member: what the layer is, in the words of
/// the FCN paper, followed by the spec's own comment when it has one (the comment adds to the computed
/// facts, it does not replace them). The result is XML: plain text is escaped piece by piece.
/// </summary>
internal static class NodeSummaries
{
    public static string For(Node node)
    {
        string computed = Describe(node);
        if (string.IsNullOrWhiteSpace(node.Documentation)) return computed;
        string comment = node.Documentation!.Trim();
        // The comment becomes a sentence of its own after the computed one.
        if (!comment.EndsWith(".", System.StringComparison.Ordinal)) comment += ".";
        return computed + " " + CSharpLiterals.Xml(comment);
    }

    /// <summary>
    /// A literal as its value; a spec parameter by name, never as the raw <c>$name</c> of the YAML. A
    /// property's summary cannot use <c>paramref</c> for a constructor parameter (CS1734 where XML docs
    /// are generated), so the parameter is named in code style with its default.
    /// </summary>
    private static string Scalar(ScalarValue value) => value.Parameter is null
        ? CSharpLiterals.Double(value.Value)
        : "<c>" + CSharpLiterals.Xml(value.Parameter) + "</c> (a constructor parameter, default " + CSharpLiterals.Double(value.Value) + ")";

    private static string Describe(Node node)
    {
        string inputs = node.Inputs.Count == 0 ? "" : " of " + CSharpLiterals.Xml(string.Join(" and ", node.Inputs));
        switch (node.Operation)
        {
            case ConvOperation conv:
                string what = conv.IsScore ? "Class scores" : "Convolution";
                return what + inputs + ": " + Kernel(conv.Kernel) + ", " + conv.In + " -&gt; " + conv.Out + " channels"
                    + (conv.Stride != 1 ? ", stride " + CSharpLiterals.Int(conv.Stride) : "")
                    + (conv.Pad != 0 ? ", padding " + CSharpLiterals.Int(conv.Pad) : "")
                    + (conv.Dilation != 1 ? ", dilation " + CSharpLiterals.Int(conv.Dilation) : "")
                    + (conv.Groups != 1 ? ", " + CSharpLiterals.Int(conv.Groups) + " groups" : "") + ".";
            case UpsampleOperation upsample:
                return CSharpLiterals.Int(upsample.Factor) + "x upsampling" + inputs + ": a transposed convolution, "
                    + Kernel(upsample.Kernel) + " stride " + CSharpLiterals.Int(upsample.Stride)
                    + (upsample.Init == InitKind.Bilinear ? ", started as bilinear interpolation" : "")
                    + (upsample.Learnable ? "" : ", fixed") + ".";
            case BatchNormOperation batchNorm:
                return "Batch normalization" + inputs + " over " + batchNorm.Channels + " channels.";
            case ReluOperation:
                return "ReLU" + inputs + ".";
            case PoolOperation pool:
                return (pool.Pool == PoolKind.Max ? "Max" : "Average") + " pooling" + inputs + ": " + Kernel(pool.Kernel)
                    + " stride " + CSharpLiterals.Int(pool.Stride) + (pool.CeilMode ? ", output size rounded up" : "") + ".";
            case DropoutOperation dropout:
                return "Dropout" + inputs + " with probability " + Scalar(dropout.Probability) + ".";
            case LocalResponseNormOperation lrn:
                return "Local response normalization" + inputs + " across " + CSharpLiterals.Int(lrn.Size) + " channels.";
            case FcnHeadOperation head:
                return "FCN head" + inputs + " (conv 3x3, batch norm, ReLU, dropout, conv 1x1): " + head.In + " -&gt; "
                    + CSharpLiterals.Int(head.Channels) + " -&gt; " + head.Out + " channels.";
            case ResNetOperation resnet:
                return "ResNet-" + CSharpLiterals.Int(resnet.Depth) + " trunk (conv1 ... layer4)"
                    + (resnet.Dilation.Contains(true) ? ", later stages dilated instead of strided" : "") + ".";
            case TapOperation tap:
                return "Feature map " + CSharpLiterals.Xml(tap.Feature) + inputs + ".";
            default:
                return CSharpLiterals.Xml(node.Operation.Kind) + inputs + ".";
        }
    }

    private static string Kernel(int size) => CSharpLiterals.Int(size) + "x" + CSharpLiterals.Int(size);
}
