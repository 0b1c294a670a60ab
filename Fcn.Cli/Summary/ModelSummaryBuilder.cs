using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Summary;

/// <summary>Computes a <see cref="ModelSummary"/> from a compiled model: the analysis, shapes and cost.</summary>
internal static class ModelSummaryBuilder
{
    public static ModelSummary Build(FcnModel model, InputSize size)
    {
        ShapeInferenceResult shapes = ShapeInference.Infer(model, size.Height, size.Width);
        IReadOnlyList<SpatialSize> sizes = shapes.Sizes;

        var nodes = new List<NodeSummary>(model.Nodes.Count);
        for (int i = 0; i < model.Nodes.Count; i++)
        {
            Node node = model.Nodes[i];
            NodeAnalysis analysis = node.Analysis;
            nodes.Add(new NodeSummary(
                node.Name,
                node.Operation.Kind,
                node.Group.ToString().ToLowerInvariant(),
                node.Inputs.ToList(),
                analysis.Channels.Evaluate(model.Classes),
                analysis.Channels.ToString(),
                analysis.Stride.ToString(),
                analysis.Offset.ToString(),
                analysis.ReceptiveField,
                CropOffsets(node.Operation),
                analysis.Parameters,
                i < sizes.Count ? sizes[i].ToString() : null));
        }

        var outputs = model.Outputs
            .Select(output => new OutputSummary(output.Name, output.Node, shapes.Succeeded ? shapes.SizeOf(output.Node).ToString() : null))
            .ToList();
        long? flops = shapes.Succeeded ? ModelCost.Flops(model, size.Height, size.Width) : null;

        return new ModelSummary(
            model.TypeName,
            model.Namespace,
            model.Description,
            model.SpecFile,
            model.Classes,
            model.InputChannels,
            nodes,
            model.TotalParameters,
            model.OutputStride,
            model.ReceptiveField,
            ShapeInference.SmallestValidInput(model),
            new SizedSummary(size.Height, size.Width, flops, outputs, shapes.Failure));
    }

    /// <summary>
    /// The offsets at which a node crops what it reads: a crop's single offset, or a fusion's offsets for
    /// every input after the first (the reference, never cropped). These are the 5, 9 and 31 of FCN-8s.
    /// </summary>
    public static IReadOnlyList<int> CropOffsets(NodeOperation operation) => operation switch
    {
        CropOperation crop => new[] { crop.Offset },
        SumOperation sum => sum.CropOffsets.Skip(1).ToList(),
        ConcatOperation concat => concat.CropOffsets.Skip(1).ToList(),
        _ => new int[0],
    };
}
