using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fcn.Dsl.Syntax;

/// <summary>
/// Reads YAML text into <see cref="SpecDocument"/>s in one pass over YamlDotNet's parser events,
/// keeping every node's 1-based line and column and every comment. Problems become diagnostics; a
/// syntax error ends the file (YAML cannot be resumed reliably) but keeps the documents before it.
/// </summary>
internal sealed class YamlTreeReader
{
    /// <summary>Deeper nesting than any spec needs; the limit keeps hostile input from exhausting the stack.</summary>
    internal const int MaxDepth = 64;

    /// <summary>
    /// The most nodes a document may expand to, counting each alias as a copy of its anchor. Aliases
    /// share nodes, so "billion laughs" input is small to read but enormous to walk; this bounds the walk.
    /// </summary>
    internal const long MaxExpandedNodes = 100_000;

    private readonly string path;
    private readonly string text;
    private readonly IParser parser;
    private readonly List<SpecDiagnostic> diagnostics = new();
    private readonly List<YamlComment> comments = new();
    private readonly Dictionary<string, (YamlNode Node, long Weight)> anchors = new(StringComparer.Ordinal);
    private Mark lastEnd = new(0, 1, 1);

    private YamlTreeReader(string path, string text)
    {
        this.path = path;
        this.text = text;
        parser = new Parser(new Scanner(new StringReader(text), skipComments: false));
    }

    public static SpecFile Read(string path, string text)
    {
        var reader = new YamlTreeReader(path, text);
        var documents = reader.ReadStream();
        return new SpecFile(path, documents.ToEquatableArray(), reader.diagnostics.ToEquatableArray());
    }

    private List<SpecDocument> ReadStream()
    {
        var documents = new List<SpecDocument>();
        try
        {
            while (true)
            {
                ParsingEvent? next = Next();
                if (next is null || next is StreamEnd) break;
                if (next is not DocumentStart) continue;
                SpecDocument? document = ReadDocument();
                if (document is not null) documents.Add(document);
            }
        }
        catch (YamlException exception)
        {
            (Mark start, Mark end) = (exception.Start, exception.End);
            // YamlDotNet places "invalid tab as indentation" at the start of the file; point at the tab.
            if (exception.Message.IndexOf(" tab", StringComparison.Ordinal) >= 0 && FirstIndentingTab() is { } tab) (start, end) = (tab, tab);
            diagnostics.Add(Diagnose.Error(DiagnosticIds.YamlSyntax, Span(start, end),
                "Invalid YAML: " + WithoutPosition(exception.Message) + ". Fix the YAML syntax at this place (check indentation, brackets and quotes)."));
        }
        return documents;
    }

    private SpecDocument? ReadDocument()
    {
        comments.Clear();
        anchors.Clear();
        ParsingEvent start = NextOrThrow();
        if (start is DocumentEnd) return null;
        (YamlNode root, long weight) = ReadNode(start, depth: 1);
        while (Next() is { } end && end is not DocumentEnd) { }
        if (weight > MaxExpandedNodes)
        {
            diagnostics.Add(Diagnose.Error(DiagnosticIds.OutOfRange, root.Span,
                $"This document expands to more than {MaxExpandedNodes} YAML nodes once its aliases are followed. Write the spec out without nested aliases."));
            return null;
        }
        if (root is ScalarNode { IsNull: true }) return null;
        if (root is not MappingNode mapping)
        {
            diagnostics.Add(Diagnose.Error(DiagnosticIds.WrongType, root.Span,
                $"A spec must be a mapping of keys such as 'model:' and 'head:', but this document is {root.Describe()}. Start the file with 'model: MyNet'."));
            return null;
        }
        var documented = (MappingNode)new CommentAttacher(comments).Attach(mapping);
        return new SpecDocument(documented, LeadingComment(mapping.Span.StartLine));
    }

    private (YamlNode Node, long Weight) ReadNode(ParsingEvent current, int depth)
    {
        if (depth > MaxDepth)
        {
            SourceSpan span = Span(current.Start, current.End);
            SkipSubtree(current);
            diagnostics.Add(Diagnose.Error(DiagnosticIds.OutOfRange, span,
                $"The YAML nests more than {MaxDepth} levels deep here. Flatten the structure."));
            return (new ScalarNode("", false, span), 1);
        }
        switch (current)
        {
            case Scalar scalar:
                var node = new ScalarNode(scalar.Value, scalar.Style != ScalarStyle.Plain, Span(scalar.Start, scalar.End));
                Remember(scalar.Anchor, node, 1);
                return (node, 1);
            case AnchorAlias alias:
                if (anchors.TryGetValue(alias.Value.Value, out var anchored)) return anchored;
                SourceSpan aliasSpan = Span(alias.Start, alias.End);
                diagnostics.Add(Diagnose.Error(DiagnosticIds.YamlSyntax, aliasSpan,
                    $"The alias '*{alias.Value.Value}' refers to no anchor defined before it. Define '&{alias.Value.Value}' on an earlier node."));
                return (new ScalarNode("", false, aliasSpan), 1);
            case SequenceStart sequenceStart:
                return ReadSequence(sequenceStart, depth);
            case MappingStart mappingStart:
                return ReadMapping(mappingStart, depth);
            default:
                SourceSpan unexpected = Span(current.Start, current.End);
                return (new ScalarNode("", false, unexpected), 1);
        }
    }

    private (YamlNode, long) ReadSequence(SequenceStart start, int depth)
    {
        var items = new List<YamlNode>();
        long weight = 1;
        ParsingEvent next;
        while ((next = NextOrThrow()) is not SequenceEnd)
        {
            (YamlNode item, long itemWeight) = ReadNode(next, depth + 1);
            items.Add(item);
            weight = SaturatingAdd(weight, itemWeight);
        }
        var node = new SequenceNode(items.ToEquatableArray(), Span(start.Start, next.End));
        Remember(start.Anchor, node, weight);
        return (node, weight);
    }

    private (YamlNode, long) ReadMapping(MappingStart start, int depth)
    {
        var entries = new List<MappingEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long weight = 1;
        ParsingEvent next;
        while ((next = NextOrThrow()) is not MappingEnd)
        {
            (YamlNode key, long keyWeight) = ReadNode(next, depth + 1);
            (YamlNode value, long valueWeight) = ReadNode(NextOrThrow(), depth + 1);
            weight = SaturatingAdd(weight, SaturatingAdd(keyWeight, valueWeight));
            if (key is not ScalarNode scalarKey || scalarKey.IsNull)
            {
                diagnostics.Add(Diagnose.Error(DiagnosticIds.WrongType, key.Span,
                    $"A key must be a plain word, but this key is {key.Describe()}. Write 'name: value'."));
                continue;
            }
            if (!seen.Add(scalarKey.Value))
            {
                diagnostics.Add(Diagnose.Error(DiagnosticIds.DuplicateKey, key.Span,
                    $"The key '{scalarKey.Value}' appears twice in this mapping. Remove one of them (the first one is used)."));
                continue;
            }
            entries.Add(new MappingEntry(scalarKey, value));
        }
        var node = new MappingNode(entries.ToEquatableArray(), Span(start.Start, next.End));
        Remember(start.Anchor, node, weight);
        return (node, weight);
    }

    private void Remember(AnchorName anchor, YamlNode node, long weight)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = (node, weight);
    }

    private void SkipSubtree(ParsingEvent current)
    {
        int open = current.NestingIncrease;
        while (open > 0) open += NextOrThrow().NestingIncrease;
    }

    /// <summary>The next event that is not a comment; comments are collected on the way.</summary>
    private ParsingEvent? Next()
    {
        while (MoveNext())
        {
            if (parser.Current is Comment comment)
            {
                comments.Add(new YamlComment(ToInt(comment.Start.Line), ToInt(comment.Start.Column), comment.Value.Trim(), comment.IsInline));
                continue;
            }
            return parser.Current;
        }
        return null;
    }

    /// <summary>
    /// YamlDotNet reports most malformed input as <see cref="YamlException"/>, but some (an unclosed
    /// flow mapping, for one) as InvalidOperationException from its state machine; both are syntax errors
    /// of the user's file, located after the last event that was read.
    /// </summary>
    private bool MoveNext()
    {
        try
        {
            bool moved = parser.MoveNext();
            if (moved) lastEnd = parser.Current!.End;
            return moved;
        }
        catch (Exception exception) when (exception is not YamlException and not OutOfMemoryException)
        {
            throw new YamlException(lastEnd, lastEnd, "the parser cannot continue after this point (often an unclosed '{', '[' or quote)", exception);
        }
    }

    private ParsingEvent NextOrThrow() =>
        Next() ?? throw new YamlException(EndMark(), EndMark(), "unexpected end of the file");

    private Mark EndMark()
    {
        int line = 1, column = 1;
        foreach (char c in text)
        {
            if (c == '\n') { line++; column = 1; }
            else column++;
        }
        return new Mark(text.Length, line, column);
    }

    private Mark? FirstIndentingTab()
    {
        int line = 1, column = 1;
        bool leading = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n') { line++; column = 1; leading = true; continue; }
            if (c == '\t' && leading) return new Mark(i, line, column);
            if (c != ' ') leading = false;
            column++;
        }
        return null;
    }

    /// <summary>The full-line comments above the first key, joined: the file's own description.</summary>
    private string? LeadingComment(int firstContentLine)
    {
        var builder = new StringBuilder();
        foreach (YamlComment comment in comments)
        {
            if (comment.Line >= firstContentLine) break;
            // An editor modeline ("yaml-language-server: $schema=...") is not prose about the model.
            if (comment.IsInline || comment.Text.StartsWith("yaml-language-server:", StringComparison.Ordinal)) continue;
            if (builder.Length > 0) builder.Append('\n');
            builder.Append(comment.Text);
        }
        string result = builder.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    private SourceSpan Span(Mark start, Mark end) =>
        new(path, Math.Max(1, ToInt(start.Line)), Math.Max(1, ToInt(start.Column)), Math.Max(1, ToInt(end.Line)), Math.Max(1, ToInt(end.Column)),
            Clamp(start.Index), Math.Max(Clamp(start.Index), Clamp(end.Index)));

    private int Clamp(long index) => (int)Math.Max(0, Math.Min(index, text.Length));

    private static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (...): "; the location is reported separately.</summary>
    private static string WithoutPosition(string message)
    {
        int split = message.IndexOf("): ", StringComparison.Ordinal);
        string bare = message.StartsWith("(", StringComparison.Ordinal) && split >= 0 ? message.Substring(split + 3) : message;
        return bare.TrimEnd('.', ' ');
    }
}
