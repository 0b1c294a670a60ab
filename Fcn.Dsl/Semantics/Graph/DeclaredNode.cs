using System;
using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// A node as the spec declares it, before the graph is resolved: its name, what it reads, and how to
/// build its operation once its inputs are analysed (channel counts, strides and crop offsets depend
/// on them). Field values were read and checked at declaration, so their errors are reported even
/// when the graph around the node is broken.
/// </summary>
internal sealed class DeclaredNode
{
    public DeclaredNode(string name, SourceSpan nameSpan, NodeGroup group, string op, Func<NodeBuildContext, NodeOperation?> build)
    {
        Name = name;
        NameSpan = nameSpan;
        Group = group;
        Op = op;
        Build = build;
    }

    public string Name { get; }

    /// <summary>Where the name is written (or the node, when the name was generated).</summary>
    public SourceSpan NameSpan { get; }

    public NodeGroup Group { get; }

    /// <summary>The op as written (<c>conv</c>, <c>score</c>, ...); catalogue layers carry their operation's kind.</summary>
    public string Op { get; }

    public Func<NodeBuildContext, NodeOperation?> Build { get; }

    /// <summary>What the node reads, in order (the first input of a fusion is its reference).</summary>
    public List<Reference> Inputs { get; } = new();

    /// <summary>Backbone layers name their inputs directly; head references go through taps first.</summary>
    public bool InputsAreLayerNames { get; init; }

    /// <summary>The node whose size a crop or resize takes (<c>to:</c>); also a dependency.</summary>
    public Reference? Target { get; init; }

    public string? Documentation { get; init; }

    /// <summary>A catalogue tap layer (ResNet's <c>layer3</c>): kept only when something reads it.</summary>
    public bool KeepOnlyIfRead { get; init; }

    /// <summary>
    /// A node whose own fields are wrong (already reported): it is declared, so references to it
    /// resolve and do not cascade into "unknown node" errors, but it and its dependents are not built.
    /// </summary>
    public bool IsBroken { get; init; }

    /// <summary>Whether the name was written by the user (so it is checked as an identifier and may be a tap).</summary>
    public bool IsUserNamed { get; init; } = true;
}
