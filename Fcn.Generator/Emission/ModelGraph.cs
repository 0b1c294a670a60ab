using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// The facts about a model's graph that the emitter needs, read from the IR: which nodes an output depends
/// on (<see cref="FcnModel.LiveNodes"/>; only those are computed), and which backbone nodes the head reads
/// (the feature maps) with the backbone nodes they need. Nodes stay in the model's topological order throughout.
/// </summary>
internal sealed class ModelGraph
{
    public ModelGraph(FcnModel model)
    {
        Model = model;
        LiveNodes = model.LiveNodes;

        var backbone = new HashSet<string>(
            LiveNodes.Where(node => node.Group == NodeGroup.Backbone).Select(node => node.Name), StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (ModelOutput output in model.Outputs)
            if (backbone.Contains(output.Node)) read.Add(output.Node);
        foreach (Node node in LiveNodes)
        {
            if (node.Group != NodeGroup.Head) continue;
            foreach (string dependency in node.Dependencies)
                if (backbone.Contains(dependency)) read.Add(dependency);
        }

        FeatureNodes = LiveNodes.Where(node => read.Contains(node.Name)).ToList();
        // Backbone layers read only backbone layers and the input, so every live backbone node is one the
        // feature maps need, and the feature maps need no other.
        FeatureDependencies = LiveNodes.Where(node => backbone.Contains(node.Name)).ToList();
    }

    public FcnModel Model { get; }

    /// <summary>Nodes some output depends on, in topological order (the input included).</summary>
    public IReadOnlyList<Node> LiveNodes { get; }

    /// <summary>Backbone nodes that the head or an output reads: the members of <c>FeatureMaps</c>.</summary>
    public IReadOnlyList<Node> FeatureNodes { get; }

    /// <summary>Backbone nodes the feature maps depend on, in topological order: the body of <c>Features</c>.</summary>
    public IReadOnlyList<Node> FeatureDependencies { get; }
}
