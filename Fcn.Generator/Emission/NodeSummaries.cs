using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// One sentence per node for the XML documentation of its member: the spec's own comment when it has
/// one, otherwise what the layer is, in the words of the FCN paper.
/// </summary>
internal static class NodeSummaries
{
    public static string For(Node node)
    {
        string text = string.IsNullOrWhiteSpace(node.Documentation) ? Describe(node) : node.Documentation!.Trim();
        return CSharpLiterals.Xml(text);
    }

    private static string Describe(Node node)
    {
        string inputs = node.Inputs.Count == 0 ? "" : " of " + string.Join(" and ", node.Inputs);
        switch (node.Operation)
        {
            case ConvOperation conv:
                string what = conv.IsScore ? "Class scores" : "Convolution";
                return what + inputs + ": " + Kernel(conv.Kernel) + ", " + conv.In + " -> " + conv.Out + " channels"
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
                return "Dropout" + inputs + " with probability " + dropout.Probability + ".";
            case LocalResponseNormOperation lrn:
                return "Local response normalization" + inputs + " across " + CSharpLiterals.Int(lrn.Size) + " channels.";
            case FcnHeadOperation head:
                return "FCN head" + inputs + " (conv 3x3, batch norm, ReLU, dropout, conv 1x1): " + head.In + " -> "
                    + CSharpLiterals.Int(head.Channels) + " -> " + head.Out + " channels.";
            case ResNetOperation resnet:
                return "ResNet-" + CSharpLiterals.Int(resnet.Depth) + " trunk (conv1 ... layer4)"
                    + (resnet.Dilation.Contains(true) ? ", later stages dilated instead of strided" : "") + ".";
            case TapOperation tap:
                return "Feature map " + tap.Feature + inputs + ".";
            default:
                return node.Operation.Kind + inputs + ".";
        }
    }

    private static string Kernel(int size) => CSharpLiterals.Int(size) + "x" + CSharpLiterals.Int(size);
}
