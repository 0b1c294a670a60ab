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
}

/// <summary>Where a node was declared, for summaries and documentation.</summary>
public enum NodeGroup
{
    Input,
    Backbone,
    Head,
}
