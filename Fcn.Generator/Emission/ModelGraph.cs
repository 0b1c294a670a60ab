using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// The facts about a model's graph that the emitter needs: which nodes an output depends on (only those
/// are computed; the spec compiler already warned about the rest), and which backbone nodes the head
/// reads (the feature maps). Nodes stay in the model's topological order throughout.
/// </summary>
internal sealed class ModelGraph
{
    private readonly Dictionary<string, Node> byName = new(System.StringComparer.Ordinal);

    public ModelGraph(FcnModel model)
    {
        Model = model;
        foreach (Node node in model.Nodes) byName[node.Name] = node;

        var live = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (ModelOutput output in model.Outputs) pending.Push(output.Node);
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (!byName.ContainsKey(name) || !live.Add(name)) continue;
            foreach (string dependency in DependenciesOf(byName[name])) pending.Push(dependency);
        }

        var taps = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (ModelOutput output in model.Outputs)
            if (IsFeature(output.Node)) taps.Add(output.Node);
        foreach (Node node in model.Nodes)
        {
            if (node.Group != NodeGroup.Head || !live.Contains(node.Name)) continue;
            foreach (string dependency in DependenciesOf(node))
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
    }

    public FcnModel Model { get; }

    /// <summary>Nodes some output depends on, in topological order (the input included).</summary>
    public IReadOnlyList<Node> LiveNodes { get; }

    /// <summary>Backbone nodes that the head or an output reads: the members of <c>FeatureMaps</c>.</summary>
    public IReadOnlyList<Node> FeatureNodes { get; }

    public Node? Find(string name) => byName.TryGetValue(name, out Node? node) ? node : null;

    /// <summary>Inputs plus the nodes an operation reads only for their size (crop and resize references).</summary>
    public static IEnumerable<string> DependenciesOf(Node node)
    {
        foreach (string input in node.Inputs) yield return input;
        switch (node.Operation)
        {
            case CropOperation crop: yield return crop.Reference; break;
            case ResizeOperation resize: yield return resize.Reference; break;
        }
    }

    private bool IsFeature(string name) =>
        byName.TryGetValue(name, out Node? node) && node.Group == NodeGroup.Backbone;
}
