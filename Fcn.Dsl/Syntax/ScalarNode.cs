using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Syntax;

/// <summary>A scalar as written. <see cref="IsQuoted"/> keeps "~" or "null" in quotes from reading as nothing.</summary>
public sealed record ScalarNode(string Value, bool IsQuoted, SourceSpan Span) : YamlNode(Span)
{
    /// <summary>True for YAML's empty value: <c>key:</c> with nothing after it, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => !IsQuoted && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override string Describe() => IsNull ? "nothing" : "'" + Value + "'";
}
