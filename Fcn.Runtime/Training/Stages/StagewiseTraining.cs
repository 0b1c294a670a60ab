using System.Collections.Generic;
using System.Threading;
using Fcn.Runtime.Data;
using Fcn.Runtime.Training.Reporting;
using Fcn.Runtime.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training.Stages;

/// <summary>
/// The paper's stage-wise training (section 4.2): train the coarse net, then start each finer net from
/// the previous one with the runtime's <see cref="StagewiseInitialization.FromCoarser"/> (copy by name;
/// the new score layers stay zero, so each stage starts exactly where the previous one ended) and train it.
/// </summary>
public static class StagewiseTraining
{
    /// <summary>
    /// Trains <paramref name="stages"/> in order. Stops after a stage that was cancelled; the results of
    /// the stages run so far are returned either way.
    /// </summary>
    public static IReadOnlyList<StageResult> Run(
        IReadOnlyList<TrainingStage> stages,
        ISegmentationDataset train,
        ISegmentationDataset? validation = null,
        ITrainingObserver? observer = null,
        CancellationToken cancellation = default)
    {
        var results = new List<StageResult>();
        nn.Module? previous = null;
        foreach (TrainingStage stage in stages)
        {
            nn.Module model = stage.CreateModel();
            WeightLoadReport? initialization = previous is null ? null : StagewiseInitialization.FromCoarser(model, previous);
            using var trainer = new SegmentationTrainer(model, stage.Options, observer);
            TrainingResult result = trainer.Fit(train, validation, cancellation);
            results.Add(new StageResult(stage.Name, model, result, initialization));
            if (result.Cancelled)
            {
                break;
            }

            previous = model;
        }

        return results;
    }
}
