using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Fcn.Benchmarks.Infrastructure;

/// <summary>A GitHub-flavoured markdown table, built row by row; numbers are formatted by the caller.</summary>
public sealed class MarkdownTable
{
    private readonly string[] headers;
    private readonly List<string[]> rows = new();

    public MarkdownTable(params string[] headers) => this.headers = headers;

    public MarkdownTable AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"A row needs {headers.Length} cells; got {cells.Length}.", nameof(cells));
        rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        text.Append('|').Append(string.Join("|", headers.Select(_ => "---"))).Append("|\n");
        foreach (string[] row in rows) text.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        return text.ToString();
    }
}

/// <summary>Invariant-culture number formatting for the tables (a comma decimal separator would break them).</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(Invariant), Invariant);

    public static string Integer(long value) => value.ToString("N0", Invariant);

    /// <summary>A duration given in nanoseconds, in the unit that keeps three or four significant digits.</summary>
    public static string Duration(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Fixed(nanoseconds, 1) + " ns",
        < 1e6 => Fixed(nanoseconds / 1e3, 1) + " us",
        < 1e9 => Fixed(nanoseconds / 1e6, 2) + " ms",
        _ => Fixed(nanoseconds / 1e9, 3) + " s",
    };

    /// <summary>A byte count in binary units.</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 => Fixed(bytes, 0) + " B",
        < 1024 * 1024 => Fixed(bytes / 1024, 1) + " KiB",
        < 1024.0 * 1024 * 1024 => Fixed(bytes / (1024 * 1024), 1) + " MiB",
        _ => Fixed(bytes / (1024.0 * 1024 * 1024), 2) + " GiB",
    };

    public static string Ratio(double ratio) => Fixed(ratio, 2);
}
