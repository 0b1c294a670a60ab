using System.Collections.Generic;
using System.Linq;

namespace Fcn.Dsl.Model;

/// <summary>
/// One node of the model's graph. <see cref="Name"/> is both the C# field name and the state-dict key
/// prefix (e.g. <c>conv1_1</c> gives <c>conv1_1.weight</c>); <see cref="Inputs"/> name earlier nodes.
/// </summary>
public sealed record Node(
    string Name,
    NodeOperation Operation,
    EquatableArray<string> Inputs,
    NodeAnalysis Analysis,
    string? Documentation,
    NodeGroup Group)
{
    /// <summary>Hands this node to the visitor's method for its operation.</summary>
    public TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => Operation.Accept(this, visitor);

    /// <summary>Every node this one needs computed first: its inputs, then its size reference (if any and not already an input).</summary>
    public IEnumerable<string> Dependencies
    {
        get
        {
            foreach (string input in Inputs) yield return input;
            if (Operation.SizeReference is { } reference && !Inputs.Contains(reference)) yield return reference;
        }
    }

    /// <summary>
    /// The node whose height and width this node's crops take: a crop's <c>to:</c>, else the first input
    /// (a fusion crops every other input onto its first). Null for the input node.
    /// </summary>
    public string? AlignmentReference => Operation.SizeReference ?? (Inputs.IsEmpty ? null : Inputs[0]);

    /// <summary>
    /// One entry per input, in the order of <see cref="Inputs"/>: the offset at which that input is cropped
    /// to the size of <see cref="AlignmentReference"/>, or null where it is read whole. FCN-8s's
    /// <c>fuse_pool4</c> has <c>[null, 5]</c>: <c>upscore2</c> is the reference, <c>score_pool4</c> is cropped at 5.
    /// </summary>
    public IReadOnlyList<int?> CropOffsets
    {
        get
        {
            var offsets = new int?[Inputs.Count];
            for (int i = 0; i < offsets.Length; i++) offsets[i] = Operation.CropOffsetOf(i);
            return offsets;
        }
    }
}

/// <summary>Where a node was declared, for summaries and documentation.</summary>
public enum NodeGroup
{
    Input,
    Backbone,
    Head,
}
