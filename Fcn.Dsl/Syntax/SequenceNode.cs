using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Syntax;

/// <summary>A YAML list.</summary>
public sealed record SequenceNode(EquatableArray<YamlNode> Items, SourceSpan Span) : YamlNode(Span)
{
    public override string Describe() => "a list";
}
