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

        var nodes = new List<NodeRow>(model.Nodes.Count);
        IReadOnlyList<NodeSummary> summaries = NodeSummary.Of(model);
        for (int i = 0; i < summaries.Count; i++)
        {
            NodeSummary node = summaries[i];
            nodes.Add(new NodeRow(
                node.Name,
                node.Kind,
                node.Group.ToString().ToLowerInvariant(),
                node.Inputs,
                node.Channels.Evaluate(model.ClassCounts),
                node.Channels.ToString(),
                node.Stride.ToString(),
                node.Offset.ToString(),
                node.ReceptiveField,
                node.AppliedCropOffsets,
                node.CropOffsets,
                node.Parameters,
                i < sizes.Count ? sizes[i].ToString() : null,
                node.Description)
            {
                Coefficients = model.Nodes[i].Operation is SumOperation { IsWeighted: true } sum ? sum.Coefficients.ToList() : new List<double>(),
            });
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
            new SizedSummary(size.Height, size.Width, flops, outputs, shapes.Failure))
        {
            Inputs = model.InputNodes.Select(input => new InputSummary(input.Name, (int)input.Analysis.Channels.Fixed)).ToList(),
            OutputClasses = model.ClassCounts.PerOutput.Select(own => new OutputClassesSummary(own.Output, own.Classes)).ToList(),
        };
    }
}
