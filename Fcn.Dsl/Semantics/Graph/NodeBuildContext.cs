using System.Collections.Generic;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Reading;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>What building one node's operation may use: its analysed inputs, its crop/resize target, the class count.</summary>
internal sealed class NodeBuildContext
{
    public NodeBuildContext(IReadOnlyList<Node> inputs, Node? target, int classes, DiagnosticSink sink)
    {
        Inputs = inputs;
        Target = target;
        Classes = classes;
        Sink = sink;
    }

    public IReadOnlyList<Node> Inputs { get; }

    public Node? Target { get; }

    public int Classes { get; }

    public DiagnosticSink Sink { get; }

    public ChannelCount InputChannels => Inputs.Count == 0 ? ChannelCount.Of(0) : Inputs[0].Analysis.Channels;
}
