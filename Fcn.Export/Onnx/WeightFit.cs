using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Fcn.Export.Onnx;

/// <summary>
/// How a state dict fits the graph the spec asks for: each weight the graph needs is either present
/// with its shape, missing, or present with another shape; keys the graph never asked for are
/// unexpected. An export needs a perfect fit (unlike training, which may start half-initialized),
/// so any problem stops it and this table says which keys and why.
/// </summary>
/// <param name="Loaded">State-dict keys the graph uses, in graph order.</param>
/// <param name="Missing">Keys the graph needs that the state dict lacks, with the shape it needs.</param>
/// <param name="Unexpected">Keys of the state dict that the graph does not use.</param>
/// <param name="ShapeMismatched">Keys on both sides whose shapes differ.</param>
public sealed record WeightFit(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<(string Key, long[] Shape)> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<(string Key, long[] Expected, long[] Found)> ShapeMismatched)
{
    public bool IsComplete => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatched.Count == 0;

    /// <summary>A count line, then one row per key that does not fit.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loaded {Loaded.Count}, missing {Missing.Count}, unexpected {Unexpected.Count}, shape mismatch {ShapeMismatched.Count}\n");
        var rows = new List<string[]>();
        foreach (var (key, shape) in Missing) rows.Add(new[] { key, "missing", "the graph needs " + Shape(shape) });
        foreach (string key in Unexpected) rows.Add(new[] { key, "unexpected", "not a weight of this spec" });
        foreach (var (key, expected, found) in ShapeMismatched) rows.Add(new[] { key, "shape mismatch", $"spec {Shape(expected)}, file {Shape(found)}" });
        if (rows.Count == 0) return text.ToString();

        string[] header = { "key", "status", "detail" };
        int[] widths = Enumerable.Range(0, 3).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        foreach (string[] row in rows.Prepend(header))
            text.Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        return text.ToString();
    }

    internal static string Shape(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}

/// <summary>The state dict does not fit the spec's graph; <see cref="Fit"/> says how.</summary>
public sealed class WeightMismatchException : Exception
{
    public WeightMismatchException(string message, WeightFit fit) : base(message) => Fit = fit;

    public WeightFit Fit { get; }
}
