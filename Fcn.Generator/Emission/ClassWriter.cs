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
        string inputTypes = string.Join(", ", model.InputNodes.Select(_ => TypeNames.Tensor));
        writer.WriteLine("public partial class " + model.TypeName + " : "
            + TypeNames.Module + "<" + inputTypes + ", " + layout.ForwardResultType + ">, " + TypeNames.SegmentationModel);
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
        WriteInputDocumentation(writer, model);
        writer.WriteLine("/// <returns>Class scores, N x classes x H x W, aligned with the input pixel for pixel.</returns>");
        writer.WriteLine("public override " + layout.ForwardResultType + " forward(" + forward.ParameterList + ")");
        writer.OpenBlock();
        forward.WriteForwardBody(writer);
        writer.CloseBlock();
        writer.WriteLine();

        writer.WriteLine("/// <summary>Runs the backbone only and returns the feature maps the head reads.</summary>");
        WriteInputDocumentation(writer, model);
        writer.WriteLine("public FeatureMaps Features(" + forward.ParameterList + ")");
        writer.OpenBlock();
        forward.WriteFeaturesBody(writer);
        writer.CloseBlock();
        writer.WriteLine();

        WriteForwardOutputs(writer, layout, forward.InputParameters);
        writer.WriteLine();

        // The one-line wrappers and the static description are reference material: last.
        WriteProperties(writer, layout);
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public " + TypeNames.ModelInfo + " Info => Description;");
        writer.WriteLine();
        DescriptionWriter.Write(writer, model);
        writer.CloseBlock();
    }

    /// <summary>One <c>param</c> per input, in forward's order.</summary>
    private static void WriteInputDocumentation(SourceWriter writer, FcnModel model)
    {
        foreach (Node input in model.InputNodes)
            writer.WriteLine("/// <param name=\"" + MemberNames.Identifier(input.Name).TrimStart('@') + "\">" + (model.HasSeveralInputs ? "The input <c>" + CSharpLiterals.Xml(input.Name) + "</c>: images" : "Images")
                + ", N x " + input.Analysis.Channels + " x H x W, on the model's device.</param>");
    }

    private static void WriteClassDocumentation(SourceWriter writer, FcnModel model)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// " + CSharpLiterals.Xml(string.IsNullOrWhiteSpace(model.Description) ? "A fully convolutional network for semantic segmentation." : model.Description!.Trim()).Replace("\n", "\n/// "));
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <remarks>");
        string classes = model.ClassCounts.IsMultiTask
            ? string.Join(", ", model.ConstructorClassSets.Select(set => model.ClassCounts.Of(set) + " " + (set is null ? "classes" : set + " classes")))
            : model.Classes + " classes";
        string inputs = model.HasSeveralInputs
            ? string.Join(" and ", model.InputNodes.Select(input => input.Analysis.Channels + " input channels (" + CSharpLiterals.Xml(input.Name) + ")"))
            : model.InputChannels + " input channels";
        writer.WriteLine("/// Generated from <c>" + CSharpLiterals.Xml(model.SpecFile) + "</c>: " + classes + " by default, "
            + inputs + ", output stride " + model.OutputStride + ", receptive field "
            + model.ReceptiveField + " pixels, " + DescriptionWriter.Grouped(model.TotalParameters)
            + " learnable parameters at " + classes + ".");
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
        IReadOnlyList<string?> classSets = model.ConstructorClassSets;
        foreach (string? set in classSets)
            writer.WriteLine("/// <param name=\"" + Expressions.ClassesParameter(set) + "\">Number of classes to predict"
                + (set is null ? "" : " in the output <c>" + CSharpLiterals.Xml(set) + "</c>")
                + (set is null ? " (the score layers' channels)" : " (the channels of the score layers that feed it)") + "; the spec's default is " + model.ClassCounts.Of(set) + ".</param>");
        foreach (SpecParameter parameter in model.Parameters)
        {
            string description = string.IsNullOrWhiteSpace(parameter.Description)
                ? "The spec's parameter <c>" + CSharpLiterals.Xml(parameter.Name) + "</c>."
                : CSharpLiterals.Xml(parameter.Description!.Trim());
            writer.WriteLine("/// <param name=\"" + parameter.Name + "\">" + description + " Default " + CSharpLiterals.Double(parameter.Default) + "."
                + ReadersOf(layout, parameter.Name) + "</param>");
        }
        writer.WriteLine("/// <param name=\"device\">Where the weights live; null leaves them on the CPU.</param>");
        writer.WriteLine("/// <exception cref=\"" + TypeNames.ArgumentOutOfRange + "\">"
            + string.Join(" or ", classSets.Select(set => "<paramref name=\"" + Expressions.ClassesParameter(set) + "\"/>")) + " is less than 1.</exception>");

        var parameters = classSets.Select(set => "int " + Expressions.ClassesParameter(set) + " = " + CSharpLiterals.Int(model.ClassCounts.Of(set))).ToList();
        foreach (SpecParameter parameter in model.Parameters)
            parameters.Add("double " + MemberNames.Identifier(parameter.Name) + " = " + CSharpLiterals.Double(parameter.Default));
        parameters.Add(TypeNames.Device + "? device = null");
        writer.WriteLine("public " + model.TypeName + "(" + string.Join(", ", parameters) + ")");
        writer.Indent();
        writer.WriteLine(": base(nameof(" + model.TypeName + "))");
        writer.Unindent();
        writer.OpenBlock();
        foreach (string? set in classSets)
        {
            string name = Expressions.ClassesParameter(set);
            writer.WriteLine("if (" + name + " < 1)");
            writer.Indent();
            writer.WriteLine("throw new " + TypeNames.ArgumentOutOfRange + "(nameof(" + name + "), " + name + ", \"A segmentation model needs at least one class.\");");
            writer.Unindent();
        }
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

    /// <summary>
    /// <c>ForwardOutputs</c> takes one tensor (<see cref="TypeNames.SegmentationModel"/>): a model with several inputs
    /// reads them from it, concatenated along the channels in declaration order (color's 3, then hha's 3).
    /// </summary>
    private static void WriteForwardOutputs(SourceWriter writer, ClassLayout layout, IReadOnlyList<string> inputs)
    {
        FcnModel model = layout.Model;
        string input = inputs[0];
        string arguments = input;
        if (model.HasSeveralInputs)
        {
            input = layout.StackedLocal;
            var views = new List<string>();
            long start = 0;
            foreach (Node node in model.InputNodes)
            {
                long channels = node.Analysis.Channels.Fixed;
                views.Add(input + ".narrow(1, " + start + ", " + channels + ")");
                start += channels;
            }
            arguments = string.Join(", ", views);
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Runs the network on its inputs concatenated along the channels in declaration order ("
                + string.Join(", ", model.InputNodes.Select(node => CSharpLiterals.Xml(node.Name) + " " + node.Analysis.Channels)) + "), N x "
                + model.InputChannels + " x H x W, and returns its outputs, the main prediction first.");
            writer.WriteLine("/// </summary>");
        }
        else writer.WriteLine("/// <inheritdoc />");
        string signature = "public " + TypeNames.ReadOnlyList + "<" + TypeNames.Tensor + "> ForwardOutputs(" + TypeNames.Tensor + " " + input + ")";
        if (!layout.ReturnsRecord)
        {
            writer.WriteLine(signature + " => new[] { forward(" + arguments + ") };");
            return;
        }
        writer.WriteLine(signature);
        writer.OpenBlock();
        writer.WriteLine("var " + layout.OutputsLocal + " = forward(" + arguments + ");");
        writer.WriteLine("return new[] { " + string.Join(", ", layout.Outputs.Select(output => layout.OutputsLocal + "." + output.Property)) + " };");
        writer.CloseBlock();
    }
}
