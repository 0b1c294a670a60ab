using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Syntax.Merging;

/// <summary>
/// Merges a derived spec's node list (<c>head:</c> or <c>layers:</c>) into its parent's, by name: an
/// entry naming a parent node patches it in place (field by field; a different <c>op</c> replaces
/// the node), other entries are appended, and removed parent nodes are dropped.
/// </summary>
internal static class NodeListMerger
{
    public static YamlNode Merge(YamlNode parent, YamlNode? child, NodeRemovals removals, List<SpecDiagnostic> diagnostics, bool isHead)
    {
        if (parent is not SequenceNode parentList) return child ?? parent;
        if (child is not null && child is not SequenceNode) return child;

        var merged = new List<YamlNode>();
        var positions = new Dictionary<string, int>();
        foreach (YamlNode item in parentList.Items)
        {
            string? name = NameOf(item);
            if (name is not null && removals.Removes(name)) continue;
            if (name is not null && !positions.ContainsKey(name)) positions[name] = merged.Count;
            merged.Add(item);
        }
        if (child is not SequenceNode childList) return parentList with { Items = merged.ToEquatableArray() };

        string? previousOwn = null;
        foreach (YamlNode item in childList.Items)
        {
            string? name = NameOf(item);
            if (name is not null && positions.TryGetValue(name, out int position) && item is MappingNode patch && merged[position] is MappingNode original)
            {
                merged[position] = Patch(original, patch);
            }
            else if (item is MappingNode declaration && name is not null && !declaration.Has("op"))
            {
                diagnostics.Add(Diagnose.Error(DiagnosticIds.OverrideMissing, declaration.Find("name")!.Value.Span,
                    $"'{name}' patches a node, but the parent has no node of that name.{Semantics.Names.Suggestions.DidYouMean(name, positions.Keys)} To add a new node, give it an 'op:'."));
            }
            else
            {
                merged.Add(isHead ? WithDefaultInput(item, previousOwn) : item);
            }
            previousOwn = name;
        }
        return childList with { Items = merged.ToEquatableArray() };
    }

    /// <summary>The parent node with the patch's fields; <c>from</c> and <c>inputs</c> replace each other.</summary>
    private static MappingNode Patch(MappingNode original, MappingNode patch)
    {
        if (patch.Get("op") is ScalarNode op && original.Get("op") is ScalarNode originalOp && op.Value != originalOp.Value)
            return patch with { Documentation = patch.Documentation ?? original.Documentation };

        var entries = original.Entries.ToList();
        foreach (MappingEntry own in patch.Entries)
        {
            if (own.Key.Value == "from") entries.RemoveAll(entry => entry.Key.Value == "inputs");
            if (own.Key.Value == "inputs") entries.RemoveAll(entry => entry.Key.Value == "from");
            int index = entries.FindIndex(entry => entry.Key.Value == own.Key.Value);
            if (index < 0) entries.Add(own);
            else entries[index] = own;
        }
        return patch with { Entries = entries.ToEquatableArray(), Documentation = patch.Documentation ?? original.Documentation };
    }

    /// <summary>
    /// A new node without <c>from</c> reads the entry written before it in the same (derived) list,
    /// not whatever happens to precede it once appended to the parent's list.
    /// </summary>
    private static YamlNode WithDefaultInput(YamlNode item, string? previousOwn)
    {
        if (previousOwn is null || item is not MappingNode node || node.Has("from") || node.Has("inputs")) return item;
        if (node.Get("op") is ScalarNode { Value: "repeat" or "sum" or "concat" }) return item;
        var from = new MappingEntry(new ScalarNode("from", false, node.Span), new ScalarNode(previousOwn, false, node.Span));
        return node with { Entries = node.Entries.Append(from).ToEquatableArray() };
    }

    private static string? NameOf(YamlNode item) =>
        item is MappingNode mapping && mapping.Get("name") is ScalarNode { IsNull: false } name ? name.Value : null;
}
