using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// Writes the generated class, member by member, in the order a reader wants them: documentation,
/// the result records, the layers, the constructor, the computations (forward, Features,
/// ForwardOutputs), then the reference material: the layer properties and the description.
/// </summary>
internal static class ClassWriter
{
    private static readonly string GeneratorVersion =
        typeof(ClassWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static void Write(SourceWriter writer, ClassLayout layout)
    {
        FcnModel model = layout.Model;
        var forward = new ForwardWriter(layout);

        WriteClassDocumentation(writer, model);
        writer.WriteLine("[" + TypeNames.GeneratedCode + "(\"Fcn.Generator\", \"" + GeneratorVersion + "\")]");
        writer.WriteLine("public partial class " + model.TypeName + " : "
            + TypeNames.Module + "<" + TypeNames.Tensor + ", " + layout.ForwardResultType + ">, " + TypeNames.SegmentationModel);
        writer.OpenBlock();

        if (layout.ReturnsRecord)
        {
            WriteOutputsRecord(writer, layout);
            writer.WriteLine();
        }
        WriteFeatureMapsRecord(writer, layout);
        writer.WriteLine();
        WriteFields(writer, layout);
        WriteConstructor(writer, layout);
        writer.WriteLine();

        // The computations come right after the constructor: they are what a reader opens the file for.
        writer.WriteLine("/// <summary>Computes the prediction" + (layout.ReturnsRecord ? "s (main and auxiliary)" : "") + " for a batch of images.</summary>");
        writer.WriteLine("/// <param name=\"" + forward.InputParameter.TrimStart('@') + "\">Images, N x " + model.InputChannels + " x H x W, on the model's device.</param>");
        writer.WriteLine("/// <returns>Class scores, N x classes x H x W, aligned with the input pixel for pixel.</returns>");
        writer.WriteLine("public override " + layout.ForwardResultType + " forward(" + TypeNames.Tensor + " " + forward.InputParameter + ")");
        writer.OpenBlock();
        forward.WriteForwardBody(writer);
        writer.CloseBlock();
        writer.WriteLine();

        writer.WriteLine("/// <summary>Runs the backbone only and returns the feature maps the head reads.</summary>");
        writer.WriteLine("/// <param name=\"" + forward.InputParameter.TrimStart('@') + "\">Images, N x " + model.InputChannels + " x H x W, on the model's device.</param>");
        writer.WriteLine("public FeatureMaps Features(" + TypeNames.Tensor + " " + forward.InputParameter + ")");
        writer.OpenBlock();
        forward.WriteFeaturesBody(writer);
        writer.CloseBlock();
        writer.WriteLine();

        WriteForwardOutputs(writer, layout, forward.InputParameter);
        writer.WriteLine();

        // The one-line wrappers and the static description are reference material: last.
        WriteProperties(writer, layout);
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public " + TypeNames.ModelInfo + " Info => Description;");
        writer.WriteLine();
        DescriptionWriter.Write(writer, model);
        writer.CloseBlock();
    }

    private static void WriteClassDocumentation(SourceWriter writer, FcnModel model)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// " + CSharpLiterals.Xml(string.IsNullOrWhiteSpace(model.Description) ? "A fully convolutional network for semantic segmentation." : model.Description!.Trim()).Replace("\n", "\n/// "));
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <remarks>");
        writer.WriteLine("/// Generated from <c>" + CSharpLiterals.Xml(model.SpecFile) + "</c>: " + model.Classes + " classes by default, "
            + model.InputChannels + " input channels, output stride " + model.OutputStride + ", receptive field "
            + model.ReceptiveField + " pixels, " + DescriptionWriter.Grouped(model.TotalParameters)
            + " learnable parameters at " + model.Classes + " classes.");
        writer.WriteLine("/// </remarks>");
    }

    private static void WriteOutputsRecord(SourceWriter writer, ClassLayout layout)
    {
        writer.WriteLine("/// <summary>The model's outputs: the main prediction first, then the auxiliary ones.</summary>");
        foreach (RecordMember output in layout.Outputs)
            writer.WriteLine("/// <param name=\"" + output.Property + "\">The output of node <c>" + output.Node + "</c>.</param>");
        writer.WriteLine("public sealed record Outputs(" + string.Join(", ", layout.Outputs.Select(output => TypeNames.Tensor + " " + output.Property)) + ");");
    }

    private static void WriteFeatureMapsRecord(SourceWriter writer, ClassLayout layout)
    {
        writer.WriteLine("/// <summary>The backbone's feature maps that the head reads.</summary>");
        foreach (RecordMember feature in layout.Features)
            writer.WriteLine("/// <param name=\"" + feature.Property + "\">The output of node <c>" + feature.Node + "</c>"
                + (feature.Tap is { } tap && tap != feature.Node ? ", which the head reads as tap <c>" + tap + "</c>" : "") + ".</param>");
        writer.WriteLine(layout.Features.Count == 0
            ? "public sealed record FeatureMaps;"
            : "public sealed record FeatureMaps(" + string.Join(", ", layout.Features.Select(feature => TypeNames.Tensor + " " + feature.Property)) + ");");
    }

    private static void WriteFields(SourceWriter writer, ClassLayout layout)
    {
        // Field names are the node names, in the spec's order: RegisterComponents() turns them into the
        // state-dict keys (conv1_1.weight, ...), so published PyTorch weights load by name.
        foreach (ModuleMember member in layout.Modules)
            writer.WriteLine("private readonly " + (member.HidesInherited ? "new " : "") + member.Declaration.FieldType + " " + member.Field + ";");
        foreach (string parameter in layout.ForwardParameters)
            writer.WriteLine("private readonly double " + MemberNames.Identifier(parameter) + ";");
        if (layout.Modules.Count > 0 || layout.ForwardParameters.Count > 0) writer.WriteLine();
    }

    private static void WriteConstructor(SourceWriter writer, ClassLayout layout)
    {
        FcnModel model = layout.Model;
        writer.WriteLine("/// <summary>Builds the network with freshly initialized weights.</summary>");
        writer.WriteLine("/// <param name=\"classes\">Number of classes to predict (the score layers' channels); the spec's default is " + model.Classes + ".</param>");
        foreach (SpecParameter parameter in model.Parameters)
        {
            string description = string.IsNullOrWhiteSpace(parameter.Description)
                ? "The spec's parameter <c>" + CSharpLiterals.Xml(parameter.Name) + "</c>."
                : CSharpLiterals.Xml(parameter.Description!.Trim());
            writer.WriteLine("/// <param name=\"" + parameter.Name + "\">" + description + " Default " + CSharpLiterals.Double(parameter.Default) + "."
                + ReadersOf(layout, parameter.Name) + "</param>");
        }
        writer.WriteLine("/// <param name=\"device\">Where the weights live; null leaves them on the CPU.</param>");
        writer.WriteLine("/// <exception cref=\"" + TypeNames.ArgumentOutOfRange + "\"><paramref name=\"classes\"/> is less than 1.</exception>");

        var parameters = new List<string> { "int classes = " + CSharpLiterals.Int(model.Classes) };
        foreach (SpecParameter parameter in model.Parameters)
            parameters.Add("double " + MemberNames.Identifier(parameter.Name) + " = " + CSharpLiterals.Double(parameter.Default));
        parameters.Add(TypeNames.Device + "? device = null");
        writer.WriteLine("public " + model.TypeName + "(" + string.Join(", ", parameters) + ")");
        writer.Indent();
        writer.WriteLine(": base(nameof(" + model.TypeName + "))");
        writer.Unindent();
        writer.OpenBlock();
        writer.WriteLine("if (classes < 1)");
        writer.Indent();
        writer.WriteLine("throw new " + TypeNames.ArgumentOutOfRange + "(nameof(classes), classes, \"A segmentation model needs at least one class.\");");
        writer.Unindent();
        writer.WriteLine();

        foreach (string parameter in layout.ForwardParameters)
            writer.WriteLine("this." + MemberNames.Identifier(parameter) + " = " + MemberNames.Identifier(parameter) + ";");
        foreach (ModuleMember member in layout.Modules)
            writer.WriteLine("this." + member.Field + " = " + member.Declaration.Creation + ";");

        var initialization = layout.Modules.SelectMany(member => member.Declaration.Initialization).ToList();
        if (initialization.Count > 0)
        {
            writer.WriteLine();
            foreach (string statement in initialization) writer.WriteLine(statement);
        }

        writer.WriteLine();
        writer.WriteLine("RegisterComponents();");
        // `to` is an extension method; called through its class so the file needs no using directives.
        writer.WriteLine("if (device is not null) global::TorchSharp.ModuleExtensionMethods.to(this, device);");
        writer.CloseBlock();
    }

    /// <summary><c> Read by Drop6 and Drop7.</c>: the nodes that read a spec parameter, linked where they are properties.</summary>
    private static string ReadersOf(ClassLayout layout, string parameter)
    {
        var properties = layout.Modules.ToDictionary(member => member.Node.Name, member => member.Property);
        var readers = layout.Model.Nodes
            .Where(node => node.Operation.SpecParameters.Contains(parameter))
            .Select(node => properties.TryGetValue(node.Name, out string? property)
                ? "<see cref=\"" + property + "\"/>"
                : "<c>" + CSharpLiterals.Xml(node.Name) + "</c>")
            .ToList();
        if (readers.Count == 0) return "";
        string list = readers.Count == 1
            ? readers[0]
            : string.Join(", ", readers.Take(readers.Count - 1)) + " and " + readers[readers.Count - 1];
        return " Read by " + list + ".";
    }

    private static void WriteProperties(SourceWriter writer, ClassLayout layout)
    {
        foreach (ModuleMember member in layout.Modules)
        {
            writer.WriteLine("/// <summary>" + NodeSummaries.For(member.Node) + "</summary>");
            writer.WriteLine("public " + member.Declaration.FieldType + " " + member.Property + " => " + member.Field + ";");
            writer.WriteLine();
        }
    }

    private static void WriteForwardOutputs(SourceWriter writer, ClassLayout layout, string input)
    {
        writer.WriteLine("/// <inheritdoc />");
        string signature = "public " + TypeNames.ReadOnlyList + "<" + TypeNames.Tensor + "> ForwardOutputs(" + TypeNames.Tensor + " " + input + ")";
        if (!layout.ReturnsRecord)
        {
            writer.WriteLine(signature + " => new[] { forward(" + input + ") };");
            return;
        }
        writer.WriteLine(signature);
        writer.OpenBlock();
        writer.WriteLine("var " + layout.OutputsLocal + " = forward(" + input + ");");
        writer.WriteLine("return new[] { " + string.Join(", ", layout.Outputs.Select(output => layout.OutputsLocal + "." + output.Property)) + " };");
        writer.CloseBlock();
    }
}
