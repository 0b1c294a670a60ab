using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Evaluation;

/// <summary>Runs a model over a loader and accumulates its confusion matrix.</summary>
public static class SegmentationEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="model"/> (an <see cref="nn.Module"/> implementing <see cref="ISegmentationModel"/>)
    /// in eval mode inside <c>torch.inference_mode()</c> (no autograd bookkeeping at all, as prediction) with
    /// batch norm folded into the convolutions for the pass (<see cref="BatchNormFolding"/>), then restores its
    /// previous training mode.
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
            // The weights stay as they are for the whole pass: batch norm folds into the convolutions once.
            using var folding = BatchNormFolding.Fold(model);
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

    /// <summary>
    /// Evaluates every head of <paramref name="binding"/> at once (one forward pass per batch): each head's argmax
    /// against its own labels, its void label left out even when it is a valid class index. The matrices take their
    /// class counts from the outputs' channels. <paramref name="loader"/> must use the same binding.
    /// </summary>
    public static IReadOnlyList<HeadEvaluation> EvaluateHeads(nn.Module model, SegmentationLoader loader, Device device, DataBinding binding)
    {
        ISegmentationModel segmentation = SegmentationModels.Require(model, nameof(model));
        var matrices = new ConfusionMatrix?[binding.Heads.Count];
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            // The weights stay as they are for the whole pass: batch norm folds into the convolutions once.
            using var folding = BatchNormFolding.Fold(model);
            foreach ((int _, SegmentationBatch batch) in loader.Batches(epoch: 0))
            {
                using var scope = NewDisposeScope();
                using (batch)
                {
                    IReadOnlyList<Tensor> outputs = segmentation.ForwardOutputs(batch.Images.to(device));
                    for (int h = 0; h < binding.Heads.Count; h++)
                    {
                        HeadBinding head = binding.Heads[h];
                        Tensor logits = outputs[head.OutputIndex];
                        matrices[h] ??= new ConfusionMatrix((int)logits.shape[1]);
                        Tensor truth = batch.HeadMasks[h].to(device);
                        matrices[h]!.Add(truth.masked_fill(truth.eq(head.VoidLabel), -1), logits.argmax(1));
                    }
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        // A loader that gave no batch leaves empty matrices at the spec's class counts.
        return binding.Heads.Select((head, h) => new HeadEvaluation(head.Head, matrices[h] ?? new ConfusionMatrix(segmentation.Info.ClassesOf(head.Head)))).ToArray();
    }
}
