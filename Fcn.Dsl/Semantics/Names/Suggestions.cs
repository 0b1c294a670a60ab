using System;
using System.Collections.Generic;

namespace Fcn.Dsl.Semantics.Names;

/// <summary>"Did you mean ...?" for misspelt keys, ops and names, by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>The closest candidate, if it is close enough to be a plausible typo (at most a third of the word).</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(1, Math.Min(3, (word.Length + 2) / 3));
        foreach (string candidate in candidates)
        {
            if (Math.Abs(candidate.Length - word.Length) > limit) continue;
            int distance = Distance(word, candidate);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or an empty string, to append to a message.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
    {
        string? closest = Closest(word, candidates);
        return closest is null ? "" : " Did you mean '" + closest + "'?";
    }

    /// <summary>Levenshtein distance, case-insensitive (a wrong case is a typo too), with a two-row table.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
