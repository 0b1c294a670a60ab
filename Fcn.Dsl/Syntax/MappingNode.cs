using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Syntax;

/// <summary>
/// A YAML mapping, its entries in written order (duplicate keys are reported by the reader and
/// dropped, so look-ups by key are unambiguous). <see cref="Documentation"/> is the comment written
/// on the line of a list item, or just above it; it becomes the node's documentation.
/// </summary>
public sealed record MappingNode(EquatableArray<MappingEntry> Entries, SourceSpan Span, string? Documentation = null) : YamlNode(Span)
{
    public MappingEntry? Find(string key)
    {
        foreach (MappingEntry entry in Entries)
            if (entry.Key.Value == key) return entry;
        return null;
    }

    public YamlNode? Get(string key) => Find(key)?.Value;

    public bool Has(string key) => Find(key) is not null;

    public override string Describe() => "a mapping";
}
