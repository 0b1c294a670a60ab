using System.Collections.Generic;
using Fcn.Runtime.Data;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Training.Checkpoints;

namespace Fcn.Runtime.Training;

/// <summary>How a call to <see cref="SegmentationTrainer.Fit"/> ended.</summary>
/// <param name="Progress">Where the run stands.</param>
/// <param name="Cancelled">Stopped by the cancellation token (a checkpoint was saved if a directory was given).</param>
/// <param name="LastMetrics">The last validation's metrics, or null.</param>
/// <param name="LastLoss">The last step's loss (NaN if no step ran).</param>
/// <param name="Skipped">Samples skipped because they failed to load.</param>
public sealed record TrainingResult(
    TrainingProgress Progress,
    bool Cancelled,
    SegmentationMetrics? LastMetrics,
    double LastLoss,
    IReadOnlyList<SampleLoadException> Skipped);
