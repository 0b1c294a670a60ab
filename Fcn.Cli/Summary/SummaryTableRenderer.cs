using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spectre.Console;

namespace Fcn.Cli.Summary;

/// <summary>Renders <see cref="ModelSummary"/> values as Spectre.Console tables: the nodes, then the totals.</summary>
internal static class SummaryTableRenderer
{
    public static void Write(IAnsiConsole console, ModelSummary summary)
    {
        console.Write(NodeTable(summary));
        console.Write(TotalsTable(summary));
        console.WriteLine();
    }

    private static Table NodeTable(ModelSummary summary)
    {
        string title = summary.Model + " (" + summary.SpecFile + ")"
            + (string.IsNullOrWhiteSpace(summary.Description) ? "" : ": " + summary.Description!.Trim());
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("node");
        table.AddColumn("kind");
        table.AddColumn("inputs");
        table.AddColumn(new TableColumn("channels").RightAligned());
        table.AddColumn(new TableColumn("stride").RightAligned());
        table.AddColumn(new TableColumn("rf").RightAligned());
        table.AddColumn(new TableColumn("crop").RightAligned());
        table.AddColumn(new TableColumn("params").RightAligned());
        table.AddColumn(new TableColumn("size @" + Size(summary.AtSize.Height, summary.AtSize.Width)).RightAligned());

        foreach (NodeRow node in summary.Nodes)
        {
            // A count that depends on the classes shows its formula too: `21 (classes)`.
            string channels = node.ChannelsFormula == node.Channels.ToString(CultureInfo.InvariantCulture)
                ? Number(node.Channels)
                : Number(node.Channels) + " (" + node.ChannelsFormula + ")";
            table.AddRow(
                Cell(node.Name),
                Cell(node.Coefficients.Count == 0 ? node.Kind : node.Kind + " " + string.Join(", ", node.Coefficients.Select(c => "×" + c.ToString("R", CultureInfo.InvariantCulture)))),
                Cell(string.Join(", ", node.Inputs)),
                Cell(channels),
                Cell(node.Stride),
                Cell(Number(node.ReceptiveField)),
                Cell(string.Join(", ", node.CropOffsets.Select(offset => offset.ToString(CultureInfo.InvariantCulture)))),
                Cell(node.Parameters == 0 ? "" : Number(node.Parameters)),
                Cell(node.Size ?? "-"));
        }

        return table;
    }

    private static Table TotalsTable(ModelSummary summary)
    {
        SizedSummary sized = summary.AtSize;
        string at = Size(sized.Height, sized.Width);
        var table = new Table().Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("total");
        table.AddColumn("value");
        string classes = summary.OutputClasses.Count == 0
            ? Number(summary.Classes) + " classes"
            : string.Join(", ", summary.OutputClasses.Select(own => Number(own.Classes) + " " + own.Output + " classes"));
        table.AddRow(Cell("parameters"), Cell(Number(summary.Parameters) + " at " + classes));
        if (summary.Inputs.Count > 1)
            table.AddRow(Cell("inputs"), Cell(string.Join(", ", summary.Inputs.Select(input => input.Name + " " + Number(input.Channels) + " ch"))));
        table.AddRow(Cell("output stride"), Cell(Number(summary.OutputStride)));
        table.AddRow(Cell("receptive field"), Cell(Number(summary.ReceptiveField) + " px"));
        table.AddRow(Cell("smallest valid input"), Cell(summary.SmallestValidInput is int side ? Size(side, side) : "none up to 4096x4096"));
        table.AddRow(Cell("FLOPs @" + at), Cell(sized.Flops is long flops ? Giga(flops) + " (" + Number(flops) + ")" : "n/a"));
        foreach (OutputSummary output in sized.Outputs)
            table.AddRow(Cell("output '" + output.Name + "' @" + at), Cell(output.Size is null ? "n/a" : output.Size + " (node " + output.Node + ")"));
        if (sized.Failure is not null)
            table.AddRow(Cell("fails @" + at), Cell(sized.Failure));
        return table;
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(int height, int width) =>
        height.ToString(CultureInfo.InvariantCulture) + "x" + width.ToString(CultureInfo.InvariantCulture);

    private static string Giga(long flops) => (flops / 1e9).ToString("F1", CultureInfo.InvariantCulture) + " GFLOPs";
}
