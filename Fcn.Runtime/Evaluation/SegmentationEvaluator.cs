using Fcn.Runtime.Data.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Evaluation;

/// <summary>Runs a model over a loader and accumulates its confusion matrix.</summary>
public static class SegmentationEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="model"/> (an <see cref="nn.Module"/> implementing <see cref="ISegmentationModel"/>)
    /// in eval mode inside <c>torch.inference_mode()</c> (no autograd bookkeeping at all, as prediction),
    /// then restores its previous training mode.
    /// </summary>
    public static ConfusionMatrix Evaluate(nn.Module model, SegmentationLoader loader, Device device, int? classes = null)
    {
        ISegmentationModel segmentation = SegmentationModels.Require(model, nameof(model));
        var matrix = new ConfusionMatrix(classes ?? segmentation.Info.Classes);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            foreach ((int _, SegmentationBatch batch) in loader.Batches(epoch: 0))
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    Tensor logits = segmentation.ForwardOutputs(batch.Images.to(device))[0];
                    matrix.Add(batch.Masks.to(device), logits.argmax(1));
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return matrix;
    }
}
