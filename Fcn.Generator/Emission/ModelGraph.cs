using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// The facts about a model's graph that the emitter needs: which nodes an output depends on (only those
/// are computed; the spec compiler already warned about the rest), and which backbone nodes the head
/// reads (the feature maps) with the backbone nodes they need. Nodes stay in the model's topological order
/// throughout.
/// </summary>
internal sealed class ModelGraph
{
    private readonly Dictionary<string, Node> byName = new(StringComparer.Ordinal);

    public ModelGraph(FcnModel model)
    {
        Model = model;
        foreach (Node node in model.Nodes) byName[node.Name] = node;

        HashSet<string> live = Closure(model.Outputs.Select(output => output.Node), within: _ => true);

        var taps = new HashSet<string>(StringComparer.Ordinal);
        foreach (ModelOutput output in model.Outputs)
            if (IsFeature(output.Node)) taps.Add(output.Node);
        foreach (Node node in model.Nodes)
        {
            if (node.Group != NodeGroup.Head || !live.Contains(node.Name)) continue;
            foreach (string dependency in node.Dependencies)
                if (IsFeature(dependency)) taps.Add(dependency);
        }

        var liveNodes = new List<Node>();
        var features = new List<Node>();
        foreach (Node node in model.Nodes)
        {
            if (!live.Contains(node.Name)) continue;
            liveNodes.Add(node);
            if (taps.Contains(node.Name)) features.Add(node);
        }
        LiveNodes = liveNodes;
        FeatureNodes = features;

        HashSet<string> backbone = Closure(taps, within: node => node.Group == NodeGroup.Backbone);
        FeatureDependencies = liveNodes.Where(node => backbone.Contains(node.Name)).ToList();
    }

    public FcnModel Model { get; }

    /// <summary>Nodes some output depends on, in topological order (the input included).</summary>
    public IReadOnlyList<Node> LiveNodes { get; }

    /// <summary>Backbone nodes that the head or an output reads: the members of <c>FeatureMaps</c>.</summary>
    public IReadOnlyList<Node> FeatureNodes { get; }

    /// <summary>Backbone nodes the feature maps depend on, in topological order: the body of <c>Features</c>.</summary>
    public IReadOnlyList<Node> FeatureDependencies { get; }

    /// <summary>The named nodes and, transitively, their dependencies, following only nodes <paramref name="within"/> accepts.</summary>
    private HashSet<string> Closure(IEnumerable<string> roots, Func<Node, bool> within)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (!byName.TryGetValue(name, out Node? node) || !within(node) || !reached.Add(name)) continue;
            foreach (string dependency in node.Dependencies) pending.Push(dependency);
        }
        return reached;
    }

    private bool IsFeature(string name) =>
        byName.TryGetValue(name, out Node? node) && node.Group == NodeGroup.Backbone;
}
