using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Syntax;

/// <summary>
/// A node of a spec's YAML tree with the place it was written. The tree is a value (records all the
/// way down), so a re-parse of unchanged text compares equal and the generator's cache holds.
/// </summary>
public abstract record YamlNode(SourceSpan Span)
{
    /// <summary>A short phrase for messages: "a number", "a list", "a mapping".</summary>
    public abstract string Describe();
}
