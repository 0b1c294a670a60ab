using System;
using System.Collections.Generic;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Renames and drops state-dict keys on their way from a file to a module, by prefix: for example
/// <c>module.</c> from a DataParallel checkpoint to nothing, or <c>fc.</c> dropped. Rules are tried in
/// the order they were added; the first whose prefix matches decides. Immutable: each call returns a new map.
/// </summary>
public sealed class KeyMap
{
    private readonly IReadOnlyList<(string From, string? To)> rules;

    private KeyMap(IReadOnlyList<(string From, string? To)> rules) => this.rules = rules;

    /// <summary>The identity: every key kept as it is.</summary>
    public static KeyMap Identity { get; } = new(Array.Empty<(string, string?)>());

    /// <summary>Keys that start with <paramref name="from"/> get <paramref name="to"/> in its place.</summary>
    public KeyMap RenamePrefix(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return With(from, to);
    }

    /// <summary>Keys that start with <paramref name="prefix"/> are not loaded (reported as dropped).</summary>
    public KeyMap Drop(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return With(prefix, null);
    }

    /// <summary>The key a source key loads into, or null when a rule drops it.</summary>
    public string? Apply(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var (from, to) in rules)
        {
            if (!key.StartsWith(from, StringComparison.Ordinal)) continue;
            return to is null ? null : to + key.Substring(from.Length);
        }
        return key;
    }

    private KeyMap With(string from, string? to)
    {
        var extended = new List<(string, string?)>(rules) { (from, to) };
        return new KeyMap(extended);
    }
}
