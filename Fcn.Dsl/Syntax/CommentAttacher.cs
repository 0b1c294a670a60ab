using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Syntax;

/// <summary>
/// Gives every mapping that is a list item (a layer, a head node) the comment that documents it: the
/// comment at the end of the item's first line, else the full-line comments right above it. Runs once
/// over the finished tree because a trailing comment is only seen after its item has been read.
/// </summary>
internal sealed class CommentAttacher
{
    private readonly Dictionary<int, YamlComment> trailing = new();
    private readonly Dictionary<int, YamlComment> fullLine = new();

    public CommentAttacher(IEnumerable<YamlComment> comments)
    {
        foreach (YamlComment comment in comments)
        {
            var table = comment.IsInline ? trailing : fullLine;
            if (!table.ContainsKey(comment.Line)) table[comment.Line] = comment;
        }
    }

    public YamlNode Attach(YamlNode node) => node switch
    {
        MappingNode mapping => mapping with
        {
            Entries = mapping.Entries.Select(entry => new MappingEntry(entry.Key, Attach(entry.Value))).ToEquatableArray(),
        },
        SequenceNode sequence => sequence with
        {
            Items = sequence.Items.Select(item => item is MappingNode mapping
                ? ((MappingNode)Attach(mapping)) with { Documentation = DocumentationOf(mapping) }
                : Attach(item)).ToEquatableArray(),
        },
        _ => node,
    };

    private string? DocumentationOf(MappingNode item)
    {
        int line = item.Span.StartLine;
        if (trailing.TryGetValue(line, out YamlComment sameLine) && sameLine.Text.Length > 0) return sameLine.Text;
        var above = new List<string>();
        for (int previous = line - 1; fullLine.TryGetValue(previous, out YamlComment comment); previous--)
            above.Insert(0, comment.Text);
        string joined = string.Join(" ", above).Trim();
        return joined.Length == 0 ? null : joined;
    }
}
