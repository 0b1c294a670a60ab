using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Syntax.Merging;

/// <summary>
/// The names a derived spec's <c>remove:</c> lists, and which of them matched a parent node, so a
/// name that matches nothing is reported (a silent no-op would hide a typo).
/// </summary>
internal sealed class NodeRemovals
{
    private readonly Dictionary<string, ScalarNode> requested = new();
    private readonly HashSet<string> matched = new();
    private readonly HashSet<string> candidates = new();
    private readonly List<SpecDiagnostic> diagnostics;

    public NodeRemovals(YamlNode? remove, List<SpecDiagnostic> diagnostics)
    {
        this.diagnostics = diagnostics;
        if (remove is null) return;
        IEnumerable<YamlNode> items = remove is SequenceNode sequence ? sequence.Items : new[] { remove };
        foreach (YamlNode item in items)
        {
            if (item is ScalarNode scalar && !scalar.IsNull)
            {
                if (!requested.ContainsKey(scalar.Value)) requested[scalar.Value] = scalar;
                continue;
            }
            diagnostics.Add(Diagnose.Error(DiagnosticIds.WrongType, item.Span,
                $"'remove' lists names of the parent's nodes, but this item is {item.Describe()}. Write e.g. 'remove: [upscore]'."));
        }
    }

    /// <summary>True when the parent node <paramref name="name"/> is to be deleted (and records the match).</summary>
    public bool Removes(string name)
    {
        candidates.Add(name);
        if (!requested.ContainsKey(name)) return false;
        matched.Add(name);
        return true;
    }

    public void ReportUnmatched()
    {
        foreach (KeyValuePair<string, ScalarNode> pair in requested)
        {
            if (matched.Contains(pair.Key)) continue;
            diagnostics.Add(Diagnose.Error(DiagnosticIds.OverrideMissing, pair.Value.Span,
                $"'remove' names '{pair.Key}', but the parent has no head node or backbone layer of that name.{Semantics.Names.Suggestions.DidYouMean(pair.Key, candidates)} Remove it from the list."));
        }
    }
}
