using System;
using System.Globalization;
using Fcn.Runtime.Training.Reporting;
using Spectre.Console;

namespace Fcn.Cli.ConsoleUi;

/// <summary>
/// A live Spectre.Console display of a run: one progress bar (loss, images/s, learning rate, ETA) and a
/// metrics table after every validation. Spectre drives the display from a callback, so the run goes
/// inside <see cref="Run{TResult}"/>.
/// </summary>
public sealed class SpectreTrainingObserver : ITrainingObserver
{
    private readonly IAnsiConsole _console;
    private readonly ProgressContext _context;
    private ProgressTask? _task;

    private SpectreTrainingObserver(IAnsiConsole console, ProgressContext context)
    {
        _console = console;
        _context = context;
    }

    /// <summary>Runs <paramref name="training"/> with a live display on <paramref name="console"/>.</summary>
    public static TResult Run<TResult>(IAnsiConsole console, Func<ITrainingObserver, TResult> training)
    {
        TResult result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => result = training(new SpectreTrainingObserver(console, context)));
        return result;
    }

    /// <inheritdoc />
    public void OnStep(StepReport report)
    {
        _task ??= _context.AddTask("training", maxValue: report.TotalSteps);
        _task.Value = report.Step;
        _task.Description = string.Format(
            CultureInfo.InvariantCulture,
            "epoch {0}/{1}  loss {2:F4}  {3:F1} img/s  lr {4:G3}",
            report.Epoch + 1, report.Epochs, report.Loss, report.ImagesPerSecond, report.LearningRate);
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report)
    {
        if (report.SkippedSamples > 0)
        {
            _console.MarkupLine(string.Format(CultureInfo.InvariantCulture, "[yellow]{0} samples skipped (unreadable)[/]", report.SkippedSamples));
        }
    }

    /// <inheritdoc />
    public void OnValidation(ValidationReport report)
    {
        string title = string.Format(CultureInfo.InvariantCulture, "validation after epoch {0}{1}", report.Epoch + 1, report.IsBest ? " (best)" : "");
        _console.Write(MetricsTable.Build(report.Metrics, report.ClassNames, title));
    }

    /// <inheritdoc />
    public void OnCheckpoint(CheckpointReport report)
    {
    }
}
