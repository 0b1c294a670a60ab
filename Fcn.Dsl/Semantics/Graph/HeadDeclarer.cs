using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Semantics.Reading;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// Turns <c>head:</c> into declared nodes: checks each node's keys against its op, reads its fields,
/// and records what it reads (<c>from</c>, which defaults to the node above it, or <c>inputs</c>).
/// </summary>
internal sealed class HeadDeclarer
{
    private readonly ValueReader reader;
    private readonly OperationReader operations;

    public HeadDeclarer(ValueReader reader)
    {
        this.reader = reader;
        operations = new OperationReader(reader);
    }

    public List<DeclaredNode> Nodes { get; } = new();

    private DiagnosticSink Sink => reader.Sink;

    public void Declare(YamlNode head)
    {
        if (head is ScalarNode { IsNull: true }) return;
        if (head is not SequenceNode list)
        {
            Sink.Error(DiagnosticIds.WrongType, head.Span, $"'head' must be a list of nodes such as '- {{ name: score_fr, op: score, from: fc7 }}', but it is {head.Describe()}.");
            return;
        }
        string? previous = null;
        foreach (YamlNode item in list.Items)
        {
            string? name = DeclareNode(item, previous);
            previous = name;
        }
    }

    /// <summary>Declares one node; returns its name (for the next node's default <c>from</c>) even when its fields are broken.</summary>
    private string? DeclareNode(YamlNode item, string? previous)
    {
        if (item is not MappingNode node)
        {
            Sink.Error(DiagnosticIds.WrongType, item.Span, $"A head node must be a mapping such as '{{ name: score_fr, op: score, from: fc7 }}', but this one is {item.Describe()}.");
            return null;
        }
        string? name = null;
        if (node.Get("name") is not { } nameNode)
            Sink.Error(DiagnosticIds.MissingField, node.Span, "This head node needs 'name:' (it becomes the field name and the state-dict key prefix).");
        else name = reader.Word(nameNode, "name");

        string? op = null;
        if (node.Get("op") is not { } opNode)
            Sink.Error(DiagnosticIds.MissingField, node.Span, $"The head node {(name is null ? "" : "'" + name + "' ")}needs 'op:' (one of: {string.Join(", ", SpecKeys.HeadOps.Keys)}).");
        else op = reader.Choice(opNode, "op", SpecKeys.HeadOps.Keys.ToList());
        if (op is null)
        {
            if (name is not null) Nodes.Add(new DeclaredNode(name, node.Find("name")!.Value.Span, NodeGroup.Head, "unknown", _ => null) { IsBroken = true });
            return name;
        }
        reader.CheckKeys(node, SpecKeys.HeadOps[op], $"a '{op}' node");

        List<Reference>? inputs = ReadInputs(node, op, name, previous);
        Reference? target = null;
        if (op is "crop" or "resize")
            target = node.Get("to") is { } toNode ? (reader.Word(toNode, "to") is { } to ? new Reference(to, toNode.Span) : null) : new Reference("input", node.Span);

        var build = operations.Read(op, node, name ?? op);
        if (name is null) return null;
        bool broken = build is null || inputs is null || (op is "crop" or "resize" && target is null);
        var declared = new DeclaredNode(name, node.Find("name")!.Value.Span, NodeGroup.Head, op, build ?? (_ => null))
        {
            Target = target,
            Documentation = node.Documentation,
            IsBroken = broken,
        };
        if (inputs is not null) declared.Inputs.AddRange(inputs);
        Nodes.Add(declared);
        return name;
    }

    private List<Reference>? ReadInputs(MappingNode node, string op, string? name, string? previous)
    {
        string subject = name is null ? "This node" : "'" + name + "'";
        if (op is "sum" or "concat")
        {
            if (node.Get("inputs") is not { } inputsNode)
            {
                Sink.Error(DiagnosticIds.MissingField, node.Span, $"{subject} ({op}) needs 'inputs:', a list of at least two nodes; the first is the reference the others are cropped to.");
                return null;
            }
            if (inputsNode is not SequenceNode list)
            {
                Sink.Error(DiagnosticIds.WrongType, inputsNode.Span, $"'inputs' must be a list of node names such as '[upscore2, score_pool4]', but it is {inputsNode.Describe()}.");
                return null;
            }
            if (list.Items.Count < 2)
            {
                Sink.Error(DiagnosticIds.OutOfRange, inputsNode.Span, $"{subject} ({op}) fuses {list.Items.Count} input(s), but it needs at least two. Add the nodes to fuse.");
                return null;
            }
            var references = new List<Reference>();
            foreach (YamlNode item in list.Items)
                if (reader.Word(item, "inputs") is { } input) references.Add(new Reference(input, item.Span));
            return references.Count == list.Items.Count ? references : null;
        }
        if (node.Get("from") is { } fromNode)
            return reader.Word(fromNode, "from") is { } from ? new List<Reference> { new(from, fromNode.Span) } : null;
        if (previous is null)
        {
            Sink.Error(DiagnosticIds.MissingField, node.Span,
                $"{subject} needs 'from:': the first head node has no node above it to read. Name a tap (e.g. 'from: fc7') or 'input'.");
            return null;
        }
        return new List<Reference> { new(previous, node.Span) };
    }
}
