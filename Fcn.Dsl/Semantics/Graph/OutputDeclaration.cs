using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>An entry of <c>outputs:</c>: the output's name (where written) and the node it returns.</summary>
internal sealed record OutputDeclaration(string Name, SourceSpan NameSpan, Reference Node)
{
    /// <summary>The output's own class count (<c>geo: { node: score_geo, classes: 3 }</c>), or null for the spec's <c>classes:</c>.</summary>
    public int? Classes { get; init; }

    /// <summary>The class set of the score layers that feed this output: its name when it has its own count.</summary>
    public string? ClassSet => Classes is null ? null : Name;
}
