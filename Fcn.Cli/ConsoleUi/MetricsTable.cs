using System.Collections.Generic;
using System.Globalization;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Training;
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

    /// <summary>
    /// "94.8%", or "94.8% (best 95.1%)" when an earlier validation was better: the latest validation's mean
    /// IU, from this run or, for a run resumed after its last epoch, from the checkpoint. "n/a" if none ran.
    /// </summary>
    public static string MeanIUSummary(TrainingResult result) =>
        result.BestMeanIU > result.LastMeanIU
            ? Percent(result.LastMeanIU) + " (best " + Percent(result.BestMeanIU) + ")"
            : Percent(result.LastMeanIU);

    /// <summary>A ratio as a percentage with one decimal, or "n/a" for NaN.</summary>
    public static string Percent(double ratio) =>
        double.IsNaN(ratio) ? "n/a" : (100 * ratio).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
