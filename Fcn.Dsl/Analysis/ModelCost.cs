using System;
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

        var multiplyAdds = new MultiplyAdds(model, shapes);
        long total = 0;
        for (int i = 0; i < model.Nodes.Count; i++)
        {
            multiplyAdds.Output = shapes.Sizes[i];
            total += model.Nodes[i].Accept(multiplyAdds);
        }

        return 2 * total;
    }

    /// <summary>Multiply-adds of one node at its output size (<see cref="Output"/>); zero where <see cref="Flops"/> says they are left out.</summary>
    private sealed class MultiplyAdds : IOperationVisitor<long>
    {
        private readonly FcnModel model;
        private readonly ShapeInferenceResult shapes;
        private readonly SpatialSize[] stageSizes = new SpatialSize[ResNetTrunk.StageCount];

        public MultiplyAdds(FcnModel model, ShapeInferenceResult shapes)
        {
            this.model = model;
            this.shapes = shapes;
        }

        public SpatialSize Output { get; set; }

        private ClassCounts Classes => model.ClassCounts;

        public long VisitConv(Node node, ConvOperation conv) =>
            Output.Area * conv.Kernel * conv.Kernel * (conv.In.Evaluate(Classes) / conv.Groups) * conv.Out.Evaluate(Classes);

        // A transposed convolution scatters each input pixel: counted per input pixel.
        public long VisitUpsample(Node node, UpsampleOperation upsample)
        {
            long channels = upsample.Channels.Evaluate(Classes);
            return shapes.SizeOf(node.Inputs[0]).Area * upsample.Kernel * upsample.Kernel * channels * channels;
        }

        public long VisitFcnHead(Node node, FcnHeadOperation head) =>
            Output.Area * (9 * head.In.Evaluate(Classes) * head.Channels + head.Channels * head.Out.Evaluate(Classes));

        public long VisitResNet(Node node, ResNetOperation resnet)
        {
            ResNetTrunkGeometry.TryWalk(resnet, ChannelsOf(model, node.Inputs[0]), shapes.SizeOf(node.Inputs[0]), stageSizes, out long trunk, out _);
            return trunk;
        }

        public long VisitInput(Node node, InputOperation input) => 0;
        public long VisitBatchNorm(Node node, BatchNormOperation batchNorm) => 0;
        public long VisitRelu(Node node, ReluOperation relu) => 0;
        public long VisitPool(Node node, PoolOperation pool) => 0;
        public long VisitDropout(Node node, DropoutOperation dropout) => 0;
        public long VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) => 0;
        public long VisitScale(Node node, ScaleOperation scale) => 0;
        public long VisitSum(Node node, SumOperation sum) => 0;
        public long VisitConcat(Node node, ConcatOperation concat) => 0;
        public long VisitResize(Node node, ResizeOperation resize) => 0;
        public long VisitCrop(Node node, CropOperation crop) => 0;
        public long VisitTap(Node node, TapOperation tap) => 0;
    }

    /// <summary>Channels of a named node at the model's class count (the analysis stores them symbolically).</summary>
    private static long ChannelsOf(FcnModel model, string node)
    {
        foreach (Node candidate in model.Nodes)
            if (string.Equals(candidate.Name, node, StringComparison.Ordinal)) return candidate.Analysis.Channels.Evaluate(model.ClassCounts);
        throw new ArgumentException("Node '" + node + "' is not in the model.", nameof(node));
    }
}
