using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Fcn.Runtime.Text;

/// <summary>
/// A plain-text table with aligned columns, for summaries printed to a console or a log.
/// Cells are already formatted strings: callers format numbers with the invariant culture.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] headers;
    private readonly bool[] alignRight;
    private readonly List<string[]> rows = new();

    /// <param name="headers">Column titles.</param>
    /// <param name="rightAligned">Indices of numeric columns, which read best aligned to the right.</param>
    public TextTable(IReadOnlyList<string> headers, params int[] rightAligned)
    {
        this.headers = headers.ToArray();
        alignRight = new bool[this.headers.Length];
        foreach (int column in rightAligned) alignRight[column] = true;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"A row has {cells.Length} cells but the table has {headers.Length} columns.", nameof(cells));
        rows.Add(cells);
    }

    public override string ToString()
    {
        int[] widths = new int[headers.Length];
        foreach (string[] row in rows.Prepend(headers))
            for (int c = 0; c < row.Length; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);

        var text = new StringBuilder();
        AppendRow(text, headers, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (string[] row in rows) AppendRow(text, row, widths);
        return text.ToString();
    }

    private void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0) line.Append("  ");
            line.Append(alignRight[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }
        // Trailing spaces of a left-aligned last column are noise in diffs and snapshots.
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
