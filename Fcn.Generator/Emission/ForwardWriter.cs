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
        if (layout.Features.Count > 0) writer.WriteLine("var " + layout.FeaturesLocal + " = Features(" + string.Join(", ", InputParameters) + ");");
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

    /// <summary>The names of forward's parameters: the input nodes' own names (<c>input</c>; <c>color</c>, <c>hha</c>), in declaration order.</summary>
    public IReadOnlyList<string> InputParameters => layout.Model.InputNodes.Select(node => MemberNames.Identifier(node.Name)).ToList();

    /// <summary>forward's parameter list: <c>Tensor color, Tensor hha</c>.</summary>
    public string ParameterList => string.Join(", ", InputParameters.Select(parameter => TypeNames.Tensor + " " + parameter));

    private string BackboneReference(string name) => MemberNames.Identifier(name);

    private string HeadReference(string name)
    {
        if (featureProperties.TryGetValue(name, out string? property)) return layout.FeaturesLocal + "." + property;
        return MemberNames.Identifier(name);
    }

    /// <summary>
    /// A result leaves the dispose scope once: the same tensor moved twice would skip past the caller's
    /// scope. A second output of the same node reuses the already moved tensor.
    /// </summary>
    private static string Result(string node, Func<string, string> reference, HashSet<string> moved) =>
        moved.Add(node) ? reference(node) + ".MoveToOuterDisposeScope()" : reference(node);

    private string Expression(Node node, Func<string, string> reference) =>
        node.Accept(new ForwardExpression(reference, modules));

    /// <summary>
    /// The right-hand side of a node's line in <c>forward</c> or <c>Features</c>: a module node calls its field,
    /// the other operations are tensor expressions. <c>reference</c> names the local holding a node's output.
    /// </summary>
    private sealed class ForwardExpression : IOperationVisitor<string>
    {
        private readonly Func<string, string> reference;
        private readonly Dictionary<string, ModuleMember> modules;

        public ForwardExpression(Func<string, string> reference, Dictionary<string, ModuleMember> modules)
        {
            this.reference = reference;
            this.modules = modules;
        }

        public string VisitConv(Node node, ConvOperation conv) => Call(node);
        public string VisitUpsample(Node node, UpsampleOperation upsample) => Call(node);
        public string VisitBatchNorm(Node node, BatchNormOperation batchNorm) => Call(node);
        public string VisitRelu(Node node, ReluOperation relu) => Call(node);
        public string VisitPool(Node node, PoolOperation pool) => Call(node);
        public string VisitDropout(Node node, DropoutOperation dropout) => Call(node);
        public string VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) => Call(node);
        public string VisitFcnHead(Node node, FcnHeadOperation head) => Call(node);
        public string VisitResNet(Node node, ResNetOperation resnet) => Call(node);

        public string VisitInput(Node node, InputOperation input) =>
            throw new InvalidOperationException("The input node '" + node.Name + "' is forward's parameter, not a line of it.");

        public string VisitTap(Node node, TapOperation tap) => First(node) + "." + MemberNames.PascalCase(tap.Feature);

        public string VisitScale(Node node, ScaleOperation scale) =>
            First(node) + " * " + (scale.Factor.Parameter is null
                ? CSharpLiterals.Double(scale.Factor.Value)
                : "this." + MemberNames.Identifier(scale.Factor.Parameter));

        public string VisitSum(Node node, SumOperation sum) =>
            string.Join(" + ", Aligned(node).Select((input, i) => sum.IsWeighted ? input + " * " + CSharpLiterals.Double(sum.CoefficientOf(i)) : input));

        public string VisitConcat(Node node, ConcatOperation concat) =>
            TypeNames.Torch + ".cat(new[] { " + string.Join(", ", Aligned(node)) + " }, dim: 1)";

        public string VisitResize(Node node, ResizeOperation resize) =>
            TypeNames.Resize + ".BilinearLike(" + First(node) + ", " + reference(resize.Reference) + ")";

        public string VisitCrop(Node node, CropOperation crop) =>
            TypeNames.Crop + ".Like(" + First(node) + ", " + reference(crop.Reference) + ", " + CSharpLiterals.Int(crop.Offset) + ")";

        private string First(Node node) => reference(node.Inputs[0]);

        // call, not forward: TorchSharp runs a child's forward hooks only through Module.call.
        private string Call(Node node) =>
            modules.TryGetValue(node.Name, out ModuleMember? member)
                ? "this." + member.Field + ".call(" + First(node) + ")"
                : throw new InvalidOperationException("Node '" + node.Name + "' (" + node.Operation.Kind + ") is a module without a field.");

        /// <summary>
        /// The inputs of a fusion, each cropped to the node's alignment reference (its first input) where
        /// <see cref="Node.CropOffsets"/> says so, as the reference implementation does, whether or not the offset is zero.
        /// </summary>
        private IEnumerable<string> Aligned(Node node)
        {
            IReadOnlyList<int?> offsets = node.CropOffsets;
            string target = reference(node.AlignmentReference!);
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                string input = reference(node.Inputs[i]);
                yield return offsets[i] is int offset
                    ? TypeNames.Crop + ".Like(" + input + ", " + target + ", " + CSharpLiterals.Int(offset) + ")"
                    : input;
            }
        }
    }
}
