using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Fcn.Runtime.Evaluation;

namespace Fcn.Runtime.Training.Reporting;

/// <summary>
/// Writes one JSON object per event and line (<c>--json</c>): machine-readable progress for scripts and
/// CI. Every object has an <c>event</c> field (<c>step</c>, <c>epoch</c>, <c>validation</c>,
/// <c>checkpoint</c>); NaN is written as null.
/// </summary>
public sealed class JsonLinesTrainingObserver : ITrainingObserver
{
    private readonly TextWriter _output;

    /// <summary>Writes to <paramref name="output"/> (e.g. <see cref="Console.Out"/>).</summary>
    public JsonLinesTrainingObserver(TextWriter output) => _output = output;

    /// <inheritdoc />
    public void OnStep(StepReport report) => Emit("step", json =>
    {
        json.WriteNumber("step", report.Step);
        json.WriteNumber("total_steps", report.TotalSteps);
        json.WriteNumber("epoch", report.Epoch);
        json.WriteNumberOrNull("loss", report.Loss);
        json.WriteNumberOrNull("lr", report.LearningRate);
        json.WriteNumberOrNull("images_per_second", report.ImagesPerSecond);
        json.WriteNumberOrNull("eta_seconds", report.Remaining?.TotalSeconds ?? double.NaN);
    });

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report) => Emit("epoch", json =>
    {
        json.WriteNumber("epoch", report.Epoch);
        json.WriteNumber("step", report.Step);
        json.WriteNumberOrNull("mean_loss", report.MeanLoss);
        json.WriteNumberOrNull("elapsed_seconds", report.Elapsed.TotalSeconds);
        json.WriteNumber("skipped_samples", report.SkippedSamples);
    });

    /// <inheritdoc />
    public void OnValidation(ValidationReport report) => Emit("validation", json =>
    {
        SegmentationMetrics m = report.Metrics;
        json.WriteNumber("epoch", report.Epoch);
        json.WriteNumber("step", report.Step);
        json.WriteNumberOrNull("pixel_accuracy", m.PixelAccuracy);
        json.WriteNumberOrNull("mean_accuracy", m.MeanAccuracy);
        json.WriteNumberOrNull("mean_iu", m.MeanIU);
        json.WriteNumberOrNull("fw_iu", m.FrequencyWeightedIU);
        json.WriteStartArray("class_iu");
        foreach (double iu in m.ClassIU) json.WriteNumberOrNullValue(iu);

        json.WriteEndArray();
        json.WriteBoolean("best", report.IsBest);
    });

    /// <inheritdoc />
    public void OnCheckpoint(CheckpointReport report) => Emit("checkpoint", json =>
    {
        json.WriteString("path", report.Path);
        json.WriteString("reason", report.Reason);
        json.WriteNumber("step", report.Step);
    });

    private void Emit(string kind, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", kind);
            body(json);
            json.WriteEndObject();
        }

        _output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _output.Flush();
    }
}
