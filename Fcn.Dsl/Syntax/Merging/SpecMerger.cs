using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Syntax.Merging;

/// <summary>
/// Applies a derived spec (<c>extends:</c> or a variant) to its resolved parent, on the YAML tree, so
/// everything merged keeps the location it was written at and is then validated like any spec:
/// scalars replace; <c>parameters</c> and <c>outputs</c> merge key by key; <c>backbone</c> merges key by
/// key unless the child switches between a catalogue and written-out layers; node lists merge by
/// name (<see cref="NodeListMerger"/>); <c>remove</c> deletes parent nodes first.
/// </summary>
internal static class SpecMerger
{
    /// <summary>Keys that describe the derivation itself and are consumed by it.</summary>
    private static readonly HashSet<string> DerivationKeys = new() { "extends", "remove", "variants" };

    public static MappingNode Merge(MappingNode parent, MappingNode child, List<SpecDiagnostic> diagnostics)
    {
        var removals = new NodeRemovals(child.Get("remove"), diagnostics);
        var entries = new List<MappingEntry>();
        foreach (MappingEntry inherited in parent.Entries)
        {
            if (DerivationKeys.Contains(inherited.Key.Value)) continue;
            entries.Add(inherited);
        }

        foreach (MappingEntry own in child.Entries)
        {
            if (DerivationKeys.Contains(own.Key.Value)) continue;
            int index = entries.FindIndex(entry => entry.Key.Value == own.Key.Value);
            if (index < 0)
            {
                entries.Add(own);
                continue;
            }
            YamlNode inheritedValue = entries[index].Value;
            YamlNode merged = own.Key.Value switch
            {
                "head" => NodeListMerger.Merge(inheritedValue, own.Value, removals, diagnostics, isHead: true),
                "backbone" => MergeBackbone(inheritedValue, own.Value, removals, diagnostics),
                "parameters" or "outputs" => MergeMaps(inheritedValue, own.Value),
                _ => own.Value,
            };
            entries[index] = new MappingEntry(own.Key, merged);
        }

        // Removals of nodes the child does not mention otherwise still apply to the inherited lists.
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Key.Value == "head" && !child.Has("head"))
                entries[i] = new MappingEntry(entries[i].Key, NodeListMerger.Merge(entries[i].Value, null, removals, diagnostics, isHead: true));
            if (entries[i].Key.Value == "backbone" && !child.Has("backbone"))
                entries[i] = new MappingEntry(entries[i].Key, MergeBackbone(entries[i].Value, null, removals, diagnostics));
        }
        removals.ReportUnmatched();
        return child with { Entries = entries.ToEquatableArray() };
    }

    private static YamlNode MergeBackbone(YamlNode parent, YamlNode? child, NodeRemovals removals, List<SpecDiagnostic> diagnostics)
    {
        MappingNode? parentMap = parent as MappingNode ?? AsCatalogueMapping(parent);
        if (child is null)
        {
            if (parentMap?.Get("layers") is not { } inheritedLayers) return parent;
            return WithEntry(parentMap, "layers", NodeListMerger.Merge(inheritedLayers, null, removals, diagnostics, isHead: false));
        }
        if (child is not MappingNode childMap || parentMap is null) return child;
        bool parentWritten = parentMap.Has("layers");
        bool childWritten = childMap.Has("layers");
        bool childCatalogue = childMap.Has("use");
        if ((parentWritten && childCatalogue) || (!parentWritten && childWritten)) return child;

        var entries = parentMap.Entries.ToList();
        foreach (MappingEntry own in childMap.Entries)
        {
            int index = entries.FindIndex(entry => entry.Key.Value == own.Key.Value);
            YamlNode value = own.Key.Value == "layers" && index >= 0
                ? NodeListMerger.Merge(entries[index].Value, own.Value, removals, diagnostics, isHead: false)
                : own.Value;
            if (index < 0) entries.Add(new MappingEntry(own.Key, value));
            else entries[index] = new MappingEntry(own.Key, value);
        }
        if (!childMap.Has("layers") && entries.FindIndex(e => e.Key.Value == "layers") is int layersIndex and >= 0)
            entries[layersIndex] = new MappingEntry(entries[layersIndex].Key, NodeListMerger.Merge(entries[layersIndex].Value, null, removals, diagnostics, isHead: false));
        return childMap with { Entries = entries.ToEquatableArray() };
    }

    /// <summary><c>backbone: vgg16</c> read as <c>backbone: { use: vgg16 }</c>, so a child can add options to it.</summary>
    private static MappingNode? AsCatalogueMapping(YamlNode node) =>
        node is ScalarNode scalar && !scalar.IsNull
            ? new MappingNode(new[] { new MappingEntry(new ScalarNode("use", false, scalar.Span), scalar) }.ToEquatableArray(), scalar.Span)
            : null;

    private static YamlNode MergeMaps(YamlNode parent, YamlNode child)
    {
        if (parent is not MappingNode parentMap || child is not MappingNode childMap) return child;
        var entries = parentMap.Entries.ToList();
        foreach (MappingEntry own in childMap.Entries)
        {
            int index = entries.FindIndex(entry => entry.Key.Value == own.Key.Value);
            if (index < 0) entries.Add(own);
            else entries[index] = own;
        }
        return childMap with { Entries = entries.ToEquatableArray() };
    }

    private static MappingNode WithEntry(MappingNode mapping, string key, YamlNode value) =>
        mapping with
        {
            Entries = mapping.Entries.Select(entry => entry.Key.Value == key ? new MappingEntry(entry.Key, value) : entry).ToEquatableArray(),
        };
}
