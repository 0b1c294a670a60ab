using System.Collections.Generic;
using Fcn.Runtime.Data;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Training.Checkpoints;

namespace Fcn.Runtime.Training;

/// <summary>How a call to <see cref="SegmentationTrainer.Fit"/> ended.</summary>
/// <param name="Progress">Where the run stands.</param>
/// <param name="Cancelled">Stopped by the cancellation token (a checkpoint was saved if a directory was given).</param>
/// <param name="LastMetrics">The metrics of the last validation this call ran, or null (a run resumed
/// after its last epoch runs none: <see cref="LastMeanIU"/> still has the checkpoint's figure).</param>
/// <param name="LastLoss">The last step's loss (NaN if no step ran).</param>
/// <param name="Skipped">Samples skipped because they failed to load.</param>
public sealed record TrainingResult(
    TrainingProgress Progress,
    bool Cancelled,
    SegmentationMetrics? LastMetrics,
    double LastLoss,
    IReadOnlyList<SampleLoadException> Skipped)
{
    /// <summary>The latest validation's mean IU, this call's or the checkpoint's it resumed from; NaN if none ran.</summary>
    public double LastMeanIU => LastMetrics?.MeanIU ?? Progress.LastMeanIU;

    /// <summary>
    /// Every head's confusion at the last validation this call ran, main head first (whose metrics are
    /// <see cref="LastMetrics"/>); null for a single-task run or when no validation ran.
    /// </summary>
    public IReadOnlyList<HeadEvaluation>? LastHeadEvaluations { get; init; }

    /// <summary>The best validation mean IU of the whole run, checkpoints included; NaN if none ran.</summary>
    public double BestMeanIU => Progress.BestMeanIU;
}
