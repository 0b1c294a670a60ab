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
    NodeGroup Group);

/// <summary>Where a node was declared, for summaries and documentation.</summary>
public enum NodeGroup
{
    Input,
    Backbone,
    Head,
}
