using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// Writes the static <c>Description</c>: the model's facts as compile-time constants (the runtime
/// engineer's <c>FcnModelInfo</c> and <c>FcnNodeInfo</c> records), so tools can show a model's table
/// and spec without building its weights.
/// </summary>
internal static class DescriptionWriter
{
    public static void Write(SourceWriter writer, FcnModel model)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// What the spec declares and what the analysis computed (per-node channels, strides, offsets,");
        writer.WriteLine("/// receptive fields and parameters at the default class count), available without building the model.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("public static " + TypeNames.ModelInfo + " Description { get; } = new " + TypeNames.ModelInfo + "(");
        writer.Indent();
        writer.WriteLine("Name: " + CSharpLiterals.String(model.TypeName) + ",");
        writer.WriteLine("Summary: " + CSharpLiterals.String(model.Description) + ",");
        writer.WriteLine("Classes: " + CSharpLiterals.Int(model.Classes) + ",");
        writer.WriteLine("InputChannels: " + CSharpLiterals.Int(model.InputChannels) + ",");
        writer.WriteLine("Parameters: " + CSharpLiterals.Int(model.TotalParameters) + "L,");
        writer.WriteLine("OutputStride: " + CSharpLiterals.Int(model.OutputStride) + ",");
        writer.WriteLine("ReceptiveField: " + CSharpLiterals.Int(model.ReceptiveField) + "L,");
        writer.WriteLine("Nodes: new " + TypeNames.NodeInfo + "[]");
        writer.OpenBlock();
        foreach (Node node in model.Nodes) writer.WriteLine(NodeInfo(node) + ",");
        writer.CloseBlock(",");
        writer.WriteLine("Outputs: " + Strings(model.Outputs.Select(output => output.Name)) + ",");
        writer.WriteLine("SpecFile: " + CSharpLiterals.String(model.SpecFile) + ",");
        bool declaresInputs = !(model.InputNodes.Count == 1 && model.InputNodes[0].Name == "input");
        bool hasInitializers = model.PublishedWeights.Count > 0 || declaresInputs || model.ClassCounts.IsMultiTask;
        writer.WriteLine("Spec: " + CSharpLiterals.Verbatim(model.CanonicalSpec) + ")" + (hasInitializers ? "" : ";"));
        writer.Unindent();
        if (!hasInitializers) return;

        // Set only when they differ from FcnModelInfo's defaults, so other descriptions read as before.
        writer.OpenBlock();
        if (declaresInputs) WriteInputs(writer, model.InputNodes);
        if (model.ClassCounts.IsMultiTask) WriteHeads(writer, model);
        if (model.PublishedWeights.Count > 0) WritePublishedWeights(writer, model.PublishedWeights);
        writer.CloseBlock(";");
    }

    /// <summary>The spec's <c>inputs:</c>, in declaration order (the order <c>ForwardOutputs</c> takes them stacked).</summary>
    private static void WriteInputs(SourceWriter writer, IEnumerable<Node> inputs)
    {
        writer.WriteLine("Inputs = new " + TypeNames.InputInfo + "[] { "
            + string.Join(", ", inputs.Select(input => "new " + TypeNames.InputInfo + "(Name: " + CSharpLiterals.String(input.Name)
                + ", Channels: " + CSharpLiterals.Int(((InputOperation)input.Operation).Channels) + ")"))
            + " },");
    }

    /// <summary>Each output's class count, and the outputs that declare their own (the tasks trained and scored separately).</summary>
    private static void WriteHeads(SourceWriter writer, FcnModel model)
    {
        writer.WriteLine("OutputClasses = new int[] { "
            + string.Join(", ", model.Outputs.Select(output => CSharpLiterals.Int(output.Classes ?? model.Classes))) + " },");
        writer.WriteLine("Heads = " + Strings(model.Outputs.Where(output => output.Classes is not null).Select(output => output.Name)) + ",");
    }

    /// <summary>The spec's <c>weights:</c>.</summary>
    private static void WritePublishedWeights(SourceWriter writer, IEnumerable<PublishedWeightFile> files)
    {
        writer.WriteLine("PublishedWeights = new " + TypeNames.WeightFileInfo + "[]");
        writer.OpenBlock();
        foreach (PublishedWeightFile file in files)
        {
            writer.WriteLine("new " + TypeNames.WeightFileInfo + "("
                + "Name: " + CSharpLiterals.String(file.Name)
                + ", Purpose: " + TypeNames.WeightFilePurpose + "." + file.Purpose
                + ", Url: " + CSharpLiterals.String(file.Url)
                + ", FileName: " + CSharpLiterals.String(file.FileName)
                + ", Sha256: " + CSharpLiterals.String(file.Sha256)
                + ", Sha256Prefix: " + CSharpLiterals.String(file.Sha256Prefix) + "),");
        }
        writer.CloseBlock(",");
    }

    private static string NodeInfo(Node node)
    {
        NodeSummary summary = NodeSummary.Of(node);
        return "new " + TypeNames.NodeInfo + "("
            + "Name: " + CSharpLiterals.String(summary.Name)
            + ", Kind: " + CSharpLiterals.String(summary.Kind)
            + ", Channels: " + CSharpLiterals.String(summary.Channels.ToString())
            + ", Stride: " + CSharpLiterals.String(summary.Stride.ToString())
            + ", Offset: " + CSharpLiterals.String(summary.Offset.ToString())
            + ", ReceptiveField: " + CSharpLiterals.Int(summary.ReceptiveField) + "L"
            + ", Parameters: " + CSharpLiterals.Int(summary.Parameters) + "L"
            + ", CropOffsets: " + CropOffsets(summary.CropOffsets)
            + ", Inputs: " + Strings(summary.Inputs) + ")";
    }

    /// <summary>One entry per input: the offset at which it is cropped, or null where it is read whole.</summary>
    private static string CropOffsets(IReadOnlyList<int?> offsets) => offsets.Count == 0
        ? "global::System.Array.Empty<int?>()"
        : "new int?[] { " + string.Join(", ", offsets.Select(offset => offset is null ? "null" : CSharpLiterals.Int(offset.Value))) + " }";

    private static string Strings(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0
            ? "global::System.Array.Empty<string>()"
            : "new[] { " + string.Join(", ", list.Select(CSharpLiterals.String)) + " }";
    }

    /// <summary>Thousands-separated, as the class documentation shows parameter counts.</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
