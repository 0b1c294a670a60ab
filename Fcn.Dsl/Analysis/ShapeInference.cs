using System;
using System.Collections.Generic;
using System.Globalization;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// The height and width of every node of a model for a concrete input size, with PyTorch's exact
/// formulas (<see cref="OutputSize"/>), so what it predicts is what the generated module produces.
/// It never throws on a bad size or a malformed graph: it reports the first failure instead.
/// </summary>
public static class ShapeInference
{
    /// <summary>The size of every node's output for a <paramref name="height"/> x <paramref name="width"/> input.</summary>
    public static ShapeInferenceResult Infer(FcnModel model, int height, int width)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        return new Walk(model).Run(new SpatialSize(height, width));
    }

    /// <summary>
    /// The smallest square input side (1 to <paramref name="maxSide"/>) on which the whole model works,
    /// or null if none does. Searched upwards from 1: validity need not be monotone in the side (ceil-mode
    /// pools and fixed crop offsets round differently), so the first success is the smallest.
    /// </summary>
    public static int? SmallestValidInput(FcnModel model, int maxSide = 4096)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        var walk = new Walk(model);
        for (int side = 1; side <= maxSide; side++)
            if (walk.Run(new SpatialSize(side, side)).Succeeded) return side;
        return null;
    }

    /// <summary>One pass over the nodes in topological order; reusable for several input sizes.</summary>
    private sealed class Walk
    {
        private readonly FcnModel model;
        private readonly Dictionary<string, int> indexByName;
        private readonly SpatialSize[][] trunkStages;
        private SpatialSize[] sizes = Array.Empty<SpatialSize>();

        public Walk(FcnModel model)
        {
            this.model = model;
            indexByName = new Dictionary<string, int>(model.Nodes.Count, StringComparer.Ordinal);
            trunkStages = new SpatialSize[model.Nodes.Count][];
            for (int i = 0; i < model.Nodes.Count; i++)
            {
                indexByName[model.Nodes[i].Name] = i;
                if (model.Nodes[i].Operation is ResNetOperation) trunkStages[i] = new SpatialSize[ResNetTrunk.StageCount];
            }
        }

        public ShapeInferenceResult Run(SpatialSize input)
        {
            sizes = new SpatialSize[model.Nodes.Count];
            for (int i = 0; i < model.Nodes.Count; i++)
            {
                Node node = model.Nodes[i];
                string? failure = InferNode(i, node, input, out SpatialSize size);
                if (failure is null && (size.Height < 1 || size.Width < 1))
                    failure = Describe(node) + " would be empty (" + size + ")" + InputsText(node) + ".";
                if (failure is not null) return new ShapeInferenceResult(model, sizes, i, node.Name, failure);
                sizes[i] = size;
            }

            return new ShapeInferenceResult(model, sizes, model.Nodes.Count, null, null);
        }

        /// <summary>Null with the node's output size in <paramref name="size"/>, or the reason it has none.</summary>
        private string? InferNode(int index, Node node, SpatialSize input, out SpatialSize size)
        {
            size = default;
            if (node.Operation is InputOperation)
            {
                size = input;
                return null;
            }

            if (node.Inputs.IsEmpty) return Describe(node) + " has no input.";
            string? failure = LookUpSize(node.Inputs[0], out SpatialSize source);
            if (failure is not null) return failure;

            var rule = new SizeRule(this, index, source);
            failure = node.Accept(rule);
            size = rule.Size;
            return failure;
        }

        /// <summary>
        /// PyTorch's output size of each operation from its first input's size (<c>source</c>): null with the
        /// size in <see cref="Size"/>, or the reason the node has none.
        /// </summary>
        private sealed class SizeRule : IOperationVisitor<string?>
        {
            private readonly Walk walk;
            private readonly int index;
            private readonly SpatialSize source;

            public SizeRule(Walk walk, int index, SpatialSize source)
            {
                this.walk = walk;
                this.index = index;
                this.source = source;
            }

            public SpatialSize Size { get; private set; }

            // InferNode sizes the input node before any visit (it has no source); a second input node has none.
            public string? VisitInput(Node node, InputOperation input) =>
                Describe(node) + " is an input, which only the first node may be.";

            public string? VisitConv(Node node, ConvOperation conv) => Sized(new SpatialSize(
                OutputSize.Convolution(source.Height, conv.Kernel, conv.Stride, conv.Pad, conv.Dilation),
                OutputSize.Convolution(source.Width, conv.Kernel, conv.Stride, conv.Pad, conv.Dilation)));

            public string? VisitPool(Node node, PoolOperation pool)
            {
                if (!OutputSize.IsPoolingPadValid(pool.Kernel, pool.Pad))
                    return Describe(node) + " pads by " + Text(pool.Pad) + ", more than half its kernel of " + Text(pool.Kernel) + ".";
                return Sized(new SpatialSize(
                    OutputSize.Pooling(source.Height, pool.Kernel, pool.Stride, pool.Pad, pool.CeilMode),
                    OutputSize.Pooling(source.Width, pool.Kernel, pool.Stride, pool.Pad, pool.CeilMode)));
            }

            public string? VisitUpsample(Node node, UpsampleOperation upsample) => Sized(new SpatialSize(
                OutputSize.Transposed(source.Height, upsample.Kernel, upsample.Stride, upsample.Pad),
                OutputSize.Transposed(source.Width, upsample.Kernel, upsample.Stride, upsample.Pad)));

            public string? VisitSum(Node node, SumOperation sum) => Fusion(node);

            public string? VisitConcat(Node node, ConcatOperation concat) => Fusion(node);

            public string? VisitCrop(Node node, CropOperation crop)
            {
                string? failure = walk.LookUpSize(crop.Reference, out SpatialSize target);
                Size = target;
                return failure ?? CheckCrop(node, node.Inputs[0], source, crop.Offset, target);
            }

            public string? VisitResize(Node node, ResizeOperation resize)
            {
                string? failure = walk.LookUpSize(resize.Reference, out SpatialSize target);
                Size = target;
                return failure;
            }

            public string? VisitResNet(Node node, ResNetOperation resnet)
            {
                // Channels change no size; 3 only feeds the multiply-add count, which is not wanted here.
                SpatialSize[] stages = walk.trunkStages[index];
                if (!ResNetTrunkGeometry.TryWalk(resnet, 3, source, stages, out _, out string? failure))
                    return Describe(node) + " fails on its " + source + " input: " + failure;
                return Sized(stages[ResNetTrunk.StageCount - 1]);
            }

            public string? VisitTap(Node node, TapOperation tap)
            {
                int trunkIndex = walk.indexByName[node.Inputs[0]];
                int stage = ResNetTrunk.StageOf(tap.Feature);
                if (walk.trunkStages[trunkIndex] is null || stage == 0)
                    return Describe(node) + " reads '" + tap.Feature + "', which '" + node.Inputs[0] + "' does not have.";
                return Sized(walk.trunkStages[trunkIndex][stage - 1]);
            }

            public string? VisitRelu(Node node, ReluOperation relu) => Sized(source);

            public string? VisitDropout(Node node, DropoutOperation dropout) => Sized(source);

            public string? VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) => Sized(source);

            public string? VisitScale(Node node, ScaleOperation scale) => Sized(source);

            public string? VisitBatchNorm(Node node, BatchNormOperation batchNorm) => Sized(source);

            // conv3x3 pad 1, then 1x1: the size is kept.
            public string? VisitFcnHead(Node node, FcnHeadOperation head) => Sized(source);

            /// <summary>Sum and concat take their first input's size; every other input is cropped onto it.</summary>
            private string? Fusion(Node node)
            {
                Size = source;
                IReadOnlyList<int?> offsets = node.CropOffsets;
                for (int i = 1; i < node.Inputs.Count; i++)
                {
                    string? failure = walk.LookUpSize(node.Inputs[i], out SpatialSize other)
                        ?? CheckCrop(node, node.Inputs[i], other, offsets[i] ?? 0, source);
                    if (failure is not null) return failure;
                }

                return null;
            }

            private string? Sized(SpatialSize size)
            {
                Size = size;
                return null;
            }
        }

        /// <summary>
        /// A crop <c>x[o:o+H, o:o+W]</c> must stay inside <c>x</c>: PyTorch would silently return a
        /// smaller view, and the sum or the output would then have the wrong size.
        /// </summary>
        private static string? CheckCrop(Node node, string source, SpatialSize sourceSize, int offset, SpatialSize target)
        {
            bool inside = offset >= 0 && offset + target.Height <= sourceSize.Height && offset + target.Width <= sourceSize.Width;
            return inside
                ? null
                : Describe(node) + " crops '" + source + "' (" + sourceSize + ") at offset " + Text(offset) + " to " + target
                  + ", which does not fit.";
        }

        private string? LookUpSize(string name, out SpatialSize size)
        {
            if (indexByName.TryGetValue(name, out int index) && IsDone(index))
            {
                size = sizes[index];
                return null;
            }

            size = default;
            return "Node '" + name + "' is not defined before it is used.";
        }

        // Sizes are filled in node order and are never zero once inferred.
        private bool IsDone(int index) => sizes[index].Height > 0;

        private string InputsText(Node node)
        {
            string text = "";
            foreach (string input in node.Inputs)
                text += "; input '" + input + "' is " + (indexByName.TryGetValue(input, out int i) ? sizes[i].ToString() : "?");
            return text;
        }

        private static string Describe(Node node) => "Node '" + node.Name + "' (" + node.Operation.Kind + ")";

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
