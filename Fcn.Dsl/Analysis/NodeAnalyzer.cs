using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>An input of a node as the analyzer sees it: what it computes and what was computed for it.</summary>
public sealed record AnalyzedInput(NodeOperation Operation, NodeAnalysis Analysis);

/// <summary>
/// Channels, stride, alignment offset (Caffe's coord_map), receptive field and parameter count of a
/// node's output, from its operation and its inputs. Pure arithmetic: no tensors.
/// </summary>
public static partial class NodeAnalyzer
{
    public static NodeAnalysis Analyze(NodeOperation operation, IReadOnlyList<AnalyzedInput> inputs, int classes) =>
        throw new System.NotImplementedException("H2");

    /// <summary>The crop offset that aligns <paramref name="other"/> to <paramref name="reference"/>:
    /// (reference.Offset - other.Offset) / stride; integral for a valid fusion.</summary>
    public static Rational CropOffset(NodeAnalysis reference, NodeAnalysis other) =>
        throw new System.NotImplementedException("H2");
}
