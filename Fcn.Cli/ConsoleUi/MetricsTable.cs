using System.Collections.Generic;
using System.Globalization;
using Fcn.Runtime.Evaluation;
using Spectre.Console;

namespace Fcn.Cli.ConsoleUi;

/// <summary>Renders <see cref="SegmentationMetrics"/> as a Spectre.Console table (percentages, invariant culture).</summary>
public static class MetricsTable
{
    /// <summary>The four paper metrics, then one IU row per class.</summary>
    public static Table Build(SegmentationMetrics metrics, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("pixel accuracy", Percent(metrics.PixelAccuracy));
        table.AddRow("mean accuracy", Percent(metrics.MeanAccuracy));
        table.AddRow("[bold]mean IU[/]", "[bold]" + Percent(metrics.MeanIU) + "[/]");
        table.AddRow("f.w. IU", Percent(metrics.FrequencyWeightedIU));
        for (int i = 0; i < metrics.ClassIU.Count; i++)
        {
            string name = classNames is not null && i < classNames.Count ? classNames[i] : i.ToString(CultureInfo.InvariantCulture);
            table.AddRow("[grey]IU " + Markup.Escape(name) + "[/]", "[grey]" + Percent(metrics.ClassIU[i]) + "[/]");
        }

        return table;
    }

    /// <summary>A ratio as a percentage with one decimal, or "n/a" for NaN.</summary>
    public static string Percent(double ratio) =>
        double.IsNaN(ratio) ? "n/a" : (100 * ratio).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
