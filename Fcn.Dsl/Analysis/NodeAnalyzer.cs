using System;
using System.Collections.Generic;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>An input of a node as the analyzer sees it: what it computes and what was computed for it.</summary>
public sealed record AnalyzedInput(NodeOperation Operation, NodeAnalysis Analysis);

/// <summary>
/// Channels, stride, alignment offset (Caffe's coord_map), receptive field and parameter count of a
/// node's output, from its operation and its inputs. Pure arithmetic: no tensors.
/// </summary>
/// <remarks>
/// The analyzer trusts its caller (the validator) for the graph's well-formedness: a wrong number of
/// inputs or a tap on something other than a ResNet is a programming error and throws
/// <see cref="ArgumentException"/>. Whether strides agree or crops come out integral is for the
/// validator to judge from the results (see <see cref="CropOffset"/>).
/// </remarks>
public static partial class NodeAnalyzer
{
    /// <summary>Analyses one node.</summary>
    /// <param name="operation">What the node computes.</param>
    /// <param name="inputs">
    /// The node's inputs in order: none for <see cref="InputOperation"/>; the reference first for sum and
    /// concat; the source first for crop and resize. A resize may pass its reference second, whose
    /// alignment it takes; without one it is aligned to the input image (stride 1, offset 0).
    /// </param>
    /// <param name="classes">The class counts (a plain number for a model with one) at which symbolic channel counts are evaluated for <see cref="NodeAnalysis.Parameters"/>.</param>
    public static NodeAnalysis Analyze(NodeOperation operation, IReadOnlyList<AnalyzedInput> inputs, ClassCounts classes)
    {
        if (operation is null) throw new ArgumentNullException(nameof(operation));
        if (inputs is null) throw new ArgumentNullException(nameof(inputs));

        // The visitor wants a node, but the analysis is what completes one: it sees the operation through a
        // node that has no name, inputs or analysis yet, and reads only the operation.
        var unanalysed = new Node(operation.Kind, operation, EquatableArray<string>.Empty, Unanalysed, null, NodeGroup.Head);
        return unanalysed.Accept(new Rules(inputs, classes));
    }

    private static readonly NodeAnalysis Unanalysed = new(default, Rational.One, Rational.Zero, 0, 0);

    /// <summary>One rule per operation: what it does to channels, to the coordinate map, and how many parameters it has.</summary>
    private sealed class Rules : IOperationVisitor<NodeAnalysis>
    {
        private readonly IReadOnlyList<AnalyzedInput> inputs;
        private readonly ClassCounts classes;

        public Rules(IReadOnlyList<AnalyzedInput> inputs, ClassCounts classes)
        {
            this.inputs = inputs;
            this.classes = classes;
        }

        public NodeAnalysis VisitInput(Node node, InputOperation input) =>
            Result(ChannelCount.Of(input.Channels), CoordinateMap.Identity, parameters: 0);

        public NodeAnalysis VisitConv(Node node, ConvOperation conv) =>
            Result(conv.Out, MapOf(inputs, conv).ThenWindow(conv.Kernel, conv.Stride, conv.Pad, conv.Dilation),
                ParameterCount.Convolution(conv.In.Evaluate(classes), conv.Out.Evaluate(classes), conv.Kernel, conv.Groups, conv.Bias));

        public NodeAnalysis VisitPool(Node node, PoolOperation pool) =>
            Result(First(inputs, pool).Channels, MapOf(inputs, pool).ThenWindow(pool.Kernel, pool.Stride, pool.Pad, dilation: 1), parameters: 0);

        public NodeAnalysis VisitUpsample(Node node, UpsampleOperation upsample) =>
            Result(upsample.Channels, MapOf(inputs, upsample).ThenTransposed(upsample.Kernel, upsample.Stride, upsample.Pad),
                ParameterCount.Upsampling(upsample.Channels.Evaluate(classes), upsample.Kernel, upsample.Bias));

        public NodeAnalysis VisitBatchNorm(Node node, BatchNormOperation batchNorm) =>
            Result(batchNorm.Channels, MapOf(inputs, batchNorm), ParameterCount.BatchNorm(batchNorm.Channels.Evaluate(classes)));

        public NodeAnalysis VisitRelu(Node node, ReluOperation relu) => PointWise(relu);

        public NodeAnalysis VisitDropout(Node node, DropoutOperation dropout) => PointWise(dropout);

        public NodeAnalysis VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) => PointWise(lrn);

        public NodeAnalysis VisitScale(Node node, ScaleOperation scale) => PointWise(scale);

        public NodeAnalysis VisitSum(Node node, SumOperation sum) => Fusion(inputs, sum, First(inputs, sum).Channels);

        public NodeAnalysis VisitConcat(Node node, ConcatOperation concat) => Fusion(inputs, concat, TotalChannels(inputs));

        public NodeAnalysis VisitCrop(Node node, CropOperation crop) =>
            Result(First(inputs, crop).Channels, MapOf(inputs, crop).ThenShift(crop.Offset), parameters: 0);

        public NodeAnalysis VisitResize(Node node, ResizeOperation resize) => Resize(inputs, resize);

        // conv3x3 pad 1 keeps the centre and widens the field; the 1x1 score conv changes neither.
        public NodeAnalysis VisitFcnHead(Node node, FcnHeadOperation head) =>
            Result(head.Out, MapOf(inputs, head).ThenWindow(kernel: 3, stride: 1, pad: 1, dilation: 1),
                ParameterCount.FcnHead(head.In.Evaluate(classes), head.Channels, head.Out.Evaluate(classes)));

        public NodeAnalysis VisitResNet(Node node, ResNetOperation resnet) => ResNet(resnet, inputs, classes);

        public NodeAnalysis VisitTap(Node node, TapOperation tap) => Tap(tap, inputs);

        /// <summary>Element-wise layers keep channels and coordinates and have no parameters.</summary>
        private NodeAnalysis PointWise(NodeOperation operation) =>
            Result(First(inputs, operation).Channels, MapOf(inputs, operation), parameters: 0);
    }

    /// <summary>The crop offset that aligns <paramref name="other"/> to <paramref name="reference"/>:
    /// (reference.Offset - other.Offset) / stride; integral for a valid fusion.</summary>
    /// <exception cref="ArgumentException">The strides differ, so no crop can align the two.</exception>
    public static Rational CropOffset(NodeAnalysis reference, NodeAnalysis other)
    {
        if (reference is null) throw new ArgumentNullException(nameof(reference));
        if (other is null) throw new ArgumentNullException(nameof(other));
        if (reference.Stride != other.Stride)
            throw new ArgumentException(
                "Only maps of equal stride can be aligned by a crop (" + reference.Stride + " and " + other.Stride + ").", nameof(other));

        return (reference.Offset - other.Offset) / other.Stride;
    }

    /// <summary>Sum and concat keep the first input's grid (the others are cropped onto it) and see what any input sees.</summary>
    private static NodeAnalysis Fusion(IReadOnlyList<AnalyzedInput> inputs, NodeOperation operation, ChannelCount channels)
    {
        CoordinateMap map = MapOf(inputs, operation);
        long receptiveField = map.ReceptiveField;
        for (int i = 1; i < inputs.Count; i++)
            receptiveField = Math.Max(receptiveField, inputs[i].Analysis.ReceptiveField);
        return Result(channels, map with { ReceptiveField = receptiveField }, parameters: 0);
    }

    /// <summary>Interpolation onto the reference's grid re-aligns the source: it takes the reference's stride and offset.</summary>
    private static NodeAnalysis Resize(IReadOnlyList<AnalyzedInput> inputs, NodeOperation operation)
    {
        NodeAnalysis source = First(inputs, operation);
        CoordinateMap grid = inputs.Count > 1 ? CoordinateMap.Of(inputs[1].Analysis) : CoordinateMap.Identity;
        return Result(source.Channels, grid with { ReceptiveField = source.ReceptiveField }, parameters: 0);
    }

    /// <summary>The trunk node stands for its last stage, layer4, and carries all of the trunk's parameters.</summary>
    private static NodeAnalysis ResNet(ResNetOperation trunk, IReadOnlyList<AnalyzedInput> inputs, ClassCounts classes)
    {
        NodeAnalysis input = First(inputs, trunk);
        ResNetTrunkSummary summary = ResNetTrunkSummary.Of(trunk, input.Channels.Evaluate(classes));
        return Result(
            ChannelCount.Of(ResNetTrunk.StageChannels(ResNetTrunk.StageCount)),
            CoordinateMap.Of(input).Then(summary.OutputMap),
            summary.Parameters);
    }

    /// <summary>
    /// A stage of a ResNet. The tap sees only the trunk node, whose map is the trunk's input map
    /// followed by layer4; undoing layer4 recovers the input map, on which the stage's own map is laid.
    /// </summary>
    private static NodeAnalysis Tap(TapOperation tap, IReadOnlyList<AnalyzedInput> inputs)
    {
        AnalyzedInput source = inputs.Count == 1 ? inputs[0] : throw Arity(tap, "one input");
        if (source.Operation is not ResNetOperation trunk)
            throw new ArgumentException("A tap reads a ResNet trunk, not '" + source.Operation.Kind + "'.", nameof(inputs));

        int stage = ResNetTrunk.StageOf(tap.Feature);
        if (stage == 0) throw new ArgumentException("A ResNet has no feature '" + tap.Feature + "'.", nameof(tap));

        // The trunk's input channels only change conv1's parameters, never a coordinate map.
        ResNetTrunkSummary summary = ResNetTrunkSummary.Of(trunk, inputChannels: 3);
        CoordinateMap trunkInput = CoordinateMap.Of(source.Analysis).Before(summary.OutputMap);
        return Result(ChannelCount.Of(ResNetTrunk.StageChannels(stage)), trunkInput.Then(summary.StageMap(stage)), parameters: 0);
    }

    private static ChannelCount TotalChannels(IReadOnlyList<AnalyzedInput> inputs)
    {
        ChannelCount total = default;
        foreach (AnalyzedInput input in inputs) total += input.Analysis.Channels;
        return total;
    }

    private static NodeAnalysis First(IReadOnlyList<AnalyzedInput> inputs, NodeOperation operation) =>
        inputs.Count > 0 ? inputs[0].Analysis : throw Arity(operation, "at least one input");

    private static CoordinateMap MapOf(IReadOnlyList<AnalyzedInput> inputs, NodeOperation operation) =>
        CoordinateMap.Of(First(inputs, operation));

    private static ArgumentException Arity(NodeOperation operation, string expected) =>
        new("Operation '" + operation.Kind + "' takes " + expected + ".", "inputs");

    private static NodeAnalysis Result(ChannelCount channels, CoordinateMap map, long parameters) =>
        new(channels, map.Stride, map.Offset, map.ReceptiveField, parameters);
}
