using System.Collections.Generic;
using System.Linq;
using System.Text;
using Fcn.Runtime.Text;

namespace Fcn.Runtime.Weights;

/// <summary>
/// What loading a state dict into a module did, key by key. Loading is lenient (transfer learning):
/// tensors that fit are copied, everything else is listed here for the caller to judge.
/// </summary>
/// <param name="Loaded">Module keys that received a tensor.</param>
/// <param name="Missing">Module keys that nothing was loaded into (they keep their initialization).</param>
/// <param name="Unexpected">Source keys (after renaming) that the module does not have.</param>
/// <param name="ShapeMismatched">Keys on both sides with different shapes; skipped.</param>
/// <param name="Dropped">Source keys removed by the key map before loading.</param>
public sealed record WeightLoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> ShapeMismatched,
    IReadOnlyList<string> Dropped)
{
    /// <summary>True when every module key was loaded and every source key was used.</summary>
    public bool IsComplete => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatched.Count == 0;

    /// <summary>
    /// A count line, then one row per key that was not simply loaded (missing, unexpected, shape
    /// mismatch, dropped), so the table stays short when a checkpoint fits.
    /// </summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append($"loaded {Loaded.Count}, missing {Missing.Count}, unexpected {Unexpected.Count}, " +
                    $"shape mismatch {ShapeMismatched.Count}, dropped {Dropped.Count}\n");
        if (IsComplete && Dropped.Count == 0) return text.ToString();

        var table = new TextTable(new[] { "key", "status", "detail" });
        foreach (string key in Missing) table.Add(key, "missing", "kept its initialization");
        foreach (string key in Unexpected) table.Add(key, "unexpected", "not in the module");
        foreach (ShapeMismatch mismatch in ShapeMismatched)
            table.Add(mismatch.Key, "shape mismatch", $"module {Shape(mismatch.Expected)}, file {Shape(mismatch.Found)}");
        foreach (string key in Dropped) table.Add(key, "dropped", "by the key map");
        return text.Append(table).ToString();
    }

    public override string ToString() => ToTable();

    private static string Shape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
