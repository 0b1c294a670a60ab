namespace Fcn.Runtime.Training.Reporting;

/// <summary>An observer that ignores everything (the default).</summary>
public sealed class NullTrainingObserver : ITrainingObserver
{
    /// <summary>The shared instance.</summary>
    public static NullTrainingObserver Instance { get; } = new();

    /// <inheritdoc />
    public void OnStep(StepReport report)
    {
    }

    /// <inheritdoc />
    public void OnEpochEnd(EpochReport report)
    {
    }

    /// <inheritdoc />
    public void OnValidation(ValidationReport report)
    {
    }

    /// <inheritdoc />
    public void OnCheckpoint(CheckpointReport report)
    {
    }
}
