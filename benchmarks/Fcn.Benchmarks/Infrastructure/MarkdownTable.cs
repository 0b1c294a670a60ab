using System;
using System.Collections.Generic;
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
