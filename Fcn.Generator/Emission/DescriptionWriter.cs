using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
        writer.WriteLine("Description: " + CSharpLiterals.String(model.Description) + ",");
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
        writer.WriteLine("Spec: " + CSharpLiterals.Verbatim(model.CanonicalSpec) + ");");
        writer.Unindent();
    }

    private static string NodeInfo(Node node)
    {
        NodeAnalysis analysis = node.Analysis;
        int? cropOffset = CropOffset(node.Operation);
        return "new " + TypeNames.NodeInfo + "("
            + "Name: " + CSharpLiterals.String(node.Name)
            + ", Kind: " + CSharpLiterals.String(node.Operation.Kind)
            + ", Channels: " + CSharpLiterals.String(analysis.Channels.ToString())
            + ", Stride: " + CSharpLiterals.String(analysis.Stride.ToString())
            + ", Offset: " + CSharpLiterals.String(analysis.Offset.ToString())
            + ", ReceptiveField: " + CSharpLiterals.Int(analysis.ReceptiveField) + "L"
            + ", Parameters: " + CSharpLiterals.Int(analysis.Parameters) + "L"
            + ", CropOffset: " + (cropOffset is null ? "null" : CSharpLiterals.Int(cropOffset.Value))
            + ", Inputs: " + Strings(node.Inputs) + ")";
    }

    /// <summary>A crop's offset; for a fusion, the largest offset at which an input is cropped to the reference.</summary>
    private static int? CropOffset(NodeOperation operation) => operation switch
    {
        CropOperation crop => crop.Offset,
        SumOperation sum when sum.CropOffsets.Count > 1 => sum.CropOffsets.Skip(1).Max(),
        ConcatOperation concat when concat.CropOffsets.Count > 1 => concat.CropOffsets.Skip(1).Max(),
        _ => null,
    };

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
