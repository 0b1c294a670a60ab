using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>A module node as a member of the class: its field (the node's name), property and construction.</summary>
internal sealed record ModuleMember(Node Node, string Field, string Property, ModuleDeclaration Declaration, bool HidesInherited);

/// <summary>A member of the nested <c>Outputs</c> or <c>FeatureMaps</c> record.</summary>
internal sealed record RecordMember(string Node, string Property, string? Tap = null);

/// <summary>
/// Every name in the generated class, decided once, before any text is written: properties,
/// record members and helper locals are kept apart from each other and from the node names.
/// </summary>
internal sealed class ClassLayout
{
    public ClassLayout(ModelGraph graph)
    {
        Graph = graph;
        FcnModel model = graph.Model;

        var properties = new MemberNames.Scope(MemberNames.ReservedPascalCase.Concat(new[] { model.TypeName }));
        var modules = new List<ModuleMember>();
        foreach (Node node in model.Nodes)
        {
            if (!node.Operation.IsModule) continue;
            string field = MemberNames.Identifier(node.Name);
            ModuleDeclaration declaration = ModuleFactory.Declare(node, "this." + field);
            string property = properties.Claim(MemberNames.PascalCase(node.Name), "Module");
            modules.Add(new ModuleMember(node, field, property, declaration, MemberNames.InheritedLowerCase.Contains(node.Name)));
        }
        Modules = modules;

        var outputs = MemberNames.Scope.ForRecord();
        Outputs = model.Outputs.Select(output => new RecordMember(output.Node, outputs.Claim(MemberNames.PascalCase(output.Name), "Output"))).ToList();

        var features = MemberNames.Scope.ForRecord();
        // A feature is named after the node it returns, like every other member: VGG16's tap 'fc7' is node
        // drop7, so it is FeatureMaps.Drop7, while the model's Fc7 is the fc7 convolution. The tap's name is documented.
        Features = graph.FeatureNodes
            .Select(node => new RecordMember(node.Name, features.Claim(MemberNames.PascalCase(node.Name), "Feature"), TapNameOf(model, node.Name)))
            .ToList();

        // Parameters that forward reads (those of inline operations: scale factors) are kept in fields; the
        // others only shape the layers.
        ForwardParameters = model.Nodes
            .Where(node => !node.Operation.IsModule)
            .SelectMany(node => node.Operation.SpecParameters)
            .Distinct()
            .OrderBy(name => name, System.StringComparer.Ordinal)
            .ToList();

        var locals = new MemberNames.Scope(model.Nodes.Select(node => node.Name));
        ScopeLocal = locals.Claim("scope", "_");
        FeaturesLocal = locals.Claim("features", "_");
        OutputsLocal = locals.Claim("outputs", "_");
        StackedLocal = locals.Claim("stacked", "_");
    }

    /// <summary>ForwardOutputs' parameter in a model with several inputs: all of them, concatenated along the channels.</summary>
    public string StackedLocal { get; }

    public ModelGraph Graph { get; }

    public FcnModel Model => Graph.Model;

    public IReadOnlyList<ModuleMember> Modules { get; }

    public IReadOnlyList<RecordMember> Outputs { get; }

    public IReadOnlyList<RecordMember> Features { get; }

    public IReadOnlyList<string> ForwardParameters { get; }

    public string ScopeLocal { get; }

    public string FeaturesLocal { get; }

    public string OutputsLocal { get; }

    /// <summary>With auxiliary outputs, forward returns the nested <c>Outputs</c> record instead of one tensor.</summary>
    public bool ReturnsRecord => Model.HasAuxiliaryOutputs;

    public string ForwardResultType => ReturnsRecord ? Model.TypeName + ".Outputs" : TypeNames.Tensor;

    private static string TapNameOf(FcnModel model, string node)
    {
        foreach (ModelTap tap in model.Taps)
            if (tap.Node == node) return tap.Name;
        return node;
    }
}
