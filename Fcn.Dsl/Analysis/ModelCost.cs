using System;
using System.Collections.Generic;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>The arithmetic cost of one forward pass of a model on one image.</summary>
public static class ModelCost
{
    /// <summary>
    /// Floating-point operations of one forward pass on a <paramref name="height"/> x <paramref name="width"/>
    /// image at the model's default class count, counting a multiply-add as two operations.
    /// Only convolution-like layers count: conv and score layers (<c>k*k*in/groups*out</c> per output
    /// pixel), upsampling (<c>k*k*in*out</c> per input pixel, a transposed convolution scattering each input),
    /// both convolutions of an fcn_head, and every convolution of a ResNet trunk, shortcut projections
    /// included. Biases, batch norms, activations, pooling, sums, crops and resizes are left out, as in
    /// torchvision's published counts, which count a multiply-add once: half this number compares with them.
    /// </summary>
    /// <exception cref="ArgumentException">The model does not work at this input size (see <see cref="ShapeInference"/>).</exception>
    public static long Flops(FcnModel model, int height, int width)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        ShapeInferenceResult shapes = ShapeInference.Infer(model, height, width);
        if (!shapes.Succeeded) throw new ArgumentException(shapes.Failure, nameof(height));

        var stageSizes = new SpatialSize[ResNetTrunk.StageCount];
        IReadOnlyList<SpatialSize> sizes = shapes.Sizes;
        long multiplyAdds = 0;
        for (int i = 0; i < model.Nodes.Count; i++)
        {
            Node node = model.Nodes[i];
            SpatialSize output = sizes[i];
            switch (node.Operation)
            {
                case ConvOperation conv:
                    multiplyAdds += output.Area * conv.Kernel * conv.Kernel
                        * (conv.In.Evaluate(model.Classes) / conv.Groups) * conv.Out.Evaluate(model.Classes);
                    break;

                case UpsampleOperation upsample:
                    long upsampled = upsample.Channels.Evaluate(model.Classes);
                    multiplyAdds += shapes.SizeOf(node.Inputs[0]).Area * upsample.Kernel * upsample.Kernel * upsampled * upsampled;
                    break;

                case FcnHeadOperation head:
                    multiplyAdds += output.Area
                        * (9 * head.In.Evaluate(model.Classes) * head.Channels + head.Channels * head.Out.Evaluate(model.Classes));
                    break;

                case ResNetOperation trunk:
                    ResNetTrunkGeometry.TryWalk(trunk, ChannelsOf(model, node.Inputs[0]), shapes.SizeOf(node.Inputs[0]), stageSizes, out long trunkMultiplyAdds, out _);
                    multiplyAdds += trunkMultiplyAdds;
                    break;
            }
        }

        return 2 * multiplyAdds;
    }

    /// <summary>Channels of a named node at the model's class count (the analysis stores them symbolically).</summary>
    private static long ChannelsOf(FcnModel model, string node)
    {
        foreach (Node candidate in model.Nodes)
            if (string.Equals(candidate.Name, node, StringComparison.Ordinal)) return candidate.Analysis.Channels.Evaluate(model.Classes);
        throw new ArgumentException("Node '" + node + "' is not in the model.", nameof(node));
    }
}
