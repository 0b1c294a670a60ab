using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Reading;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>What building one node's operation may use: its analysed inputs, its crop/resize target, the class counts.</summary>
internal sealed class NodeBuildContext
{
    public NodeBuildContext(IReadOnlyList<Node> inputs, Node? target, int classes, DiagnosticSink sink)
        : this(inputs, target, classes, new string?[0], sink)
    {
    }

    /// <param name="fedClassSets">
    /// The class sets of the outputs this node leads to (<see cref="OutputDeclaration.ClassSet"/>; null is the
    /// spec's <c>classes:</c>): a score layer takes its channels from the one output it feeds.
    /// </param>
    public NodeBuildContext(IReadOnlyList<Node> inputs, Node? target, int classes, IReadOnlyCollection<string?> fedClassSets, DiagnosticSink sink)
    {
        Inputs = inputs;
        Target = target;
        Classes = classes;
        FedClassSets = fedClassSets;
        Sink = sink;
    }

    public IReadOnlyList<Node> Inputs { get; }

    public Node? Target { get; }

    public int Classes { get; }

    public IReadOnlyCollection<string?> FedClassSets { get; }

    public DiagnosticSink Sink { get; }

    public ChannelCount InputChannels => Inputs.Count == 0 ? ChannelCount.Of(0) : Inputs[0].Analysis.Channels;

    /// <summary>
    /// The channels of a score layer: the class count of the output it feeds. A layer that feeds outputs of
    /// different class counts (SIFT Flow's sem and geo) has none; that is reported at <paramref name="at"/> and null returned.
    /// </summary>
    public ChannelCount? ScoreChannels(SourceSpan at, string nodeName)
    {
        if (FedClassSets.Count <= 1) return ChannelCount.ClassesOf(FedClassSets.FirstOrDefault());
        string sets = string.Join(" and ", FedClassSets.Select(set => set is null ? "'classes'" : "'" + set + "'"));
        Sink.Error(DiagnosticIds.ClassCountUnknown, at,
            $"'{nodeName}' scores classes, but it feeds outputs with different class counts ({sets}), so its channel count cannot be inferred. Give each output its own score layer (as SIFT Flow's score_fr_sem and score_fr_geo).");
        return null;
    }
}
