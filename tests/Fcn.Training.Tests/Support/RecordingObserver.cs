using System;
using System.Collections.Generic;
using Fcn.Runtime.Training.Reporting;

namespace Fcn.Training.Tests.Support;

/// <summary>Keeps every report a trainer sends.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public Action<StepReport>? OnStepCallback { get; init; }

    public List<EpochReport> Epochs { get; } = new();

    public List<ValidationReport> Validations { get; } = new();

    public List<CheckpointReport> Checkpoints { get; } = new();

    public void OnStep(StepReport report) => OnStepCallback?.Invoke(report);

    public void OnEpochEnd(EpochReport report) => Epochs.Add(report);

    public void OnValidation(ValidationReport report) => Validations.Add(report);

    public void OnCheckpoint(CheckpointReport report) => Checkpoints.Add(report);
}
