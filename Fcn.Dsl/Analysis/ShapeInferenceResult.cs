using System;
using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// The spatial size of every node of a model for one input size, or the first node at which that
/// input fails (a layer that would be empty, a crop that would leave its source).
/// </summary>
public sealed class ShapeInferenceResult
{
    private readonly FcnModel model;
    private readonly SpatialSize[] sizes;

    internal ShapeInferenceResult(FcnModel model, SpatialSize[] sizes, int count, string? failedNode, string? failure)
    {
        this.model = model;
        this.sizes = sizes;
        Count = count;
        FailedNode = failedNode;
        Failure = failure;
    }

    /// <summary>True when every node has a non-empty output and every crop stays inside its source.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Why the input size does not work, naming the node and the sizes involved; null on success.</summary>
    public string? Failure { get; }

    /// <summary>The node at which inference stopped; null on success.</summary>
    public string? FailedNode { get; }

    /// <summary>Sizes in the model's node order: of every node on success, of the nodes before <see cref="FailedNode"/> otherwise.</summary>
    public IReadOnlyList<SpatialSize> Sizes => new ArraySegment<SpatialSize>(sizes, 0, Count);

    private int Count { get; }

    /// <summary>The size of a node's output.</summary>
    /// <exception cref="KeyNotFoundException">No such node, or inference stopped before it.</exception>
    public SpatialSize SizeOf(string node)
    {
        for (int i = 0; i < Count; i++)
            if (string.Equals(model.Nodes[i].Name, node, StringComparison.Ordinal)) return sizes[i];
        throw new KeyNotFoundException("No size was inferred for node '" + node + "'.");
    }
}
