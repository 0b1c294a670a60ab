using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// Writes the bodies of <c>Features</c> and <c>forward</c>: straight-line code in topological order,
/// one local per node, named as the node, inside a dispose scope that keeps only the results. No
/// dictionaries, no reflection, no host synchronization: what a careful person would write by hand.
/// </summary>
internal sealed class ForwardWriter
{
    private readonly ClassLayout layout;
    private readonly Dictionary<string, ModuleMember> modules;
    private readonly Dictionary<string, string> featureProperties;

    public ForwardWriter(ClassLayout layout)
    {
        this.layout = layout;
        modules = layout.Modules.ToDictionary(member => member.Node.Name, StringComparer.Ordinal);
        featureProperties = layout.Features.ToDictionary(member => member.Node, member => member.Property, StringComparer.Ordinal);
    }

    /// <summary>The backbone up to the feature maps, returned in a <c>FeatureMaps</c> record.</summary>
    public void WriteFeaturesBody(SourceWriter writer)
    {
        writer.WriteLine("using var " + layout.ScopeLocal + " = " + TypeNames.Torch + ".NewDisposeScope();");
        foreach (Node node in layout.Graph.FeatureDependencies)
            writer.WriteLine("var " + MemberNames.Identifier(node.Name) + " = " + Expression(node, BackboneReference) + ";");

        if (layout.Features.Count == 0)
        {
            writer.WriteLine("return new FeatureMaps();");
            return;
        }
        writer.WriteLine("return new FeatureMaps(");
        writer.Indent();
        var moved = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < layout.Features.Count; i++)
        {
            RecordMember feature = layout.Features[i];
            writer.WriteLine(feature.Property + ": " + Result(feature.Node, BackboneReference, moved) + (i + 1 < layout.Features.Count ? "," : ");"));
        }
        writer.Unindent();
    }

    /// <summary>The features, then the head; the output (or the outputs record) leaves the scope.</summary>
    public void WriteForwardBody(SourceWriter writer)
    {
        writer.WriteLine("using var " + layout.ScopeLocal + " = " + TypeNames.Torch + ".NewDisposeScope();");
        if (layout.Features.Count > 0) writer.WriteLine("var " + layout.FeaturesLocal + " = Features(" + InputParameter + ");");
        foreach (Node node in layout.Graph.LiveNodes)
        {
            if (node.Group != NodeGroup.Head) continue;
            writer.WriteLine("var " + MemberNames.Identifier(node.Name) + " = " + Expression(node, HeadReference) + ";");
        }

        var moved = new HashSet<string>(StringComparer.Ordinal);
        if (!layout.ReturnsRecord)
        {
            writer.WriteLine("return " + Result(layout.Outputs[0].Node, HeadReference, moved) + ";");
            return;
        }
        writer.WriteLine("return new Outputs(");
        writer.Indent();
        for (int i = 0; i < layout.Outputs.Count; i++)
        {
            RecordMember output = layout.Outputs[i];
            writer.WriteLine(output.Property + ": " + Result(output.Node, HeadReference, moved) + (i + 1 < layout.Outputs.Count ? "," : ");"));
        }
        writer.Unindent();
    }

    /// <summary>The name of forward's parameter: the input node's own name (<c>input</c>).</summary>
    public string InputParameter => MemberNames.Identifier(InputNodeName);

    private string InputNodeName => layout.Model.Nodes.Count > 0 ? layout.Model.Nodes[0].Name : "input";

    private string BackboneReference(string name) => name == InputNodeName ? InputParameter : MemberNames.Identifier(name);

    private string HeadReference(string name)
    {
        if (name == InputNodeName) return InputParameter;
        if (featureProperties.TryGetValue(name, out string? property)) return layout.FeaturesLocal + "." + property;
        return MemberNames.Identifier(name);
    }

    /// <summary>
    /// A result leaves the dispose scope once: the same tensor moved twice would skip past the caller's
    /// scope. A second output of the same node reuses the already moved tensor.
    /// </summary>
    private static string Result(string node, Func<string, string> reference, HashSet<string> moved) =>
        moved.Add(node) ? reference(node) + ".MoveToOuterDisposeScope()" : reference(node);

    private string Expression(Node node, Func<string, string> reference)
    {
        string First() => reference(node.Inputs[0]);
        switch (node.Operation)
        {
            case TapOperation tap:
                return First() + "." + MemberNames.PascalCase(tap.Feature);
            case ScaleOperation scale:
                return First() + " * " + (scale.Factor.Parameter is null
                    ? CSharpLiterals.Double(scale.Factor.Value)
                    : "this." + MemberNames.Identifier(scale.Factor.Parameter));
            case SumOperation sum:
                return string.Join(" + ", Aligned(node, sum.CropOffsets, reference));
            case ConcatOperation concat:
                return TypeNames.Torch + ".cat(new[] { " + string.Join(", ", Aligned(node, concat.CropOffsets, reference)) + " }, dim: 1)";
            case ResizeOperation resize:
                return TypeNames.Resize + ".BilinearLike(" + First() + ", " + reference(resize.Reference) + ")";
            case CropOperation crop:
                return TypeNames.Crop + ".Like(" + First() + ", " + reference(crop.Reference) + ", " + CSharpLiterals.Int(crop.Offset) + ")";
            default:
                if (modules.TryGetValue(node.Name, out ModuleMember? member))
                    // call, not forward: TorchSharp runs a child's forward hooks only through Module.call.
                    return "this." + member.Field + ".call(" + First() + ")";
                throw new InvalidOperationException("Node '" + node.Name + "' has an operation the emitter does not know: " + node.Operation.Kind + ".");
        }
    }

    /// <summary>
    /// The inputs of a fusion, each but the first cropped to the first (the reference) at its offset,
    /// as the reference implementation does, whether or not the offset is zero.
    /// </summary>
    private static IEnumerable<string> Aligned(Node node, EquatableArray<int> offsets, Func<string, string> reference)
    {
        string first = reference(node.Inputs[0]);
        yield return first;
        for (int i = 1; i < node.Inputs.Count; i++)
        {
            int offset = i < offsets.Count ? offsets[i] : 0;
            yield return TypeNames.Crop + ".Like(" + reference(node.Inputs[i]) + ", " + first + ", " + CSharpLiterals.Int(offset) + ")";
        }
    }
}
