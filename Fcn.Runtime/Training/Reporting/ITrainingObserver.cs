namespace Fcn.Runtime.Training.Reporting;

/// <summary>
/// Receives a training run's events, on the training thread. Renderers (JSON lines here; the
/// console display lives with the fcn tool, Fcn.Cli/ConsoleUi) implement it; an observer must not throw.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>After every optimizer step.</summary>
    void OnStep(StepReport report);

    /// <summary>After every epoch, before validation.</summary>
    void OnEpochEnd(EpochReport report);

    /// <summary>After every validation pass.</summary>
    void OnValidation(ValidationReport report);

    /// <summary>After a checkpoint was written.</summary>
    void OnCheckpoint(CheckpointReport report);
}
