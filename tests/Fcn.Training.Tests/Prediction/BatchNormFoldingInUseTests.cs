using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Prediction;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Prediction;

/// <summary>
/// The inference speed-ups reach <c>fcn predict</c> and <c>fcn eval</c> (and the trainer's validation, which is
/// <see cref="SegmentationEvaluator"/>): the generated FCN-ResNet50's convolutions run with batch norm folded while
/// the evaluator runs them and while predictions run inside a folding scope (fcn predict holds one), and unfolded
/// outside.
/// </summary>
public sealed class BatchNormFoldingInUseTests
{
    /// <summary>Records, at each call of the trunk, whether its convolutions are folded then, and whether its first batch norm ran.</summary>
    private static (List<bool> Folded, List<bool> NormRan) RecordFolding(FcnResNet50 model)
    {
        var folded = new List<bool>();
        var normRan = new List<bool>();
        Convolution2d[] convolutions = model.Backbone.modules().OfType<Convolution2d>().ToArray();
        model.Backbone.register_forward_pre_hook((module, input) =>
        {
            folded.Add(convolutions.All(c => c.HasFoldedBatchNorm));
            normRan.Add(false);
            return input;
        });
        var stemNorm = model.Backbone.modules().OfType<TorchSharp.Modules.BatchNorm2d>().First();
        stemNorm.register_forward_pre_hook((module, input) =>
        {
            normRan[^1] = true;
            return input;
        });
        return (folded, normRan);
    }

    [Fact]
    public void Predictions_inside_a_scope_run_folded_as_fcn_predict_runs_them_and_unfold_afterwards()
    {
        using var scope = NewDisposeScope();
        using var model = new FcnResNet50(classes: 3);
        (List<bool> folded, List<bool> normRan) = RecordFolding(model);
        var predictor = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision, Device: CPU));
        // PredictCommand holds this scope from loading the weights to the last image.
        using (BatchNormFolding.Fold(model))
        {
            predictor.PredictLogits(rand(3, 40, 36).mul(255));
            predictor.PredictLogits(rand(3, 40, 36).mul(255));
        }

        Assert.Equal(new[] { true, true }, folded);
        Assert.Equal(new[] { false, false }, normRan);   // folded: the batch norm itself never runs

        // Outside the predictor the model is the model: no fold, and the trunk unfolded.
        using (inference_mode()) model.forward(randn(1, 3, 40, 36));
        Assert.False(folded.Last());
        Assert.True(normRan.Last());
        Assert.DoesNotContain(model.modules().OfType<Convolution2d>(), c => c.HasFoldedBatchNorm);
    }

    [Fact]
    public void The_evaluator_folds_for_its_pass()
    {
        using var scope = NewDisposeScope();
        using var model = new FcnResNet50(classes: 21);
        (List<bool> folded, List<bool> normRan) = RecordFolding(model);
        var loader = new SegmentationLoader(new SyntheticShapesDataset(SyntheticShapesOptions.Train(3)), new LoaderOptions(ImageNormalization.TorchVision, BatchSize: 2));
        SegmentationEvaluator.Evaluate(model, loader, CPU);
        Assert.Equal(new[] { true, true }, folded);   // 3 images in batches of 2
        Assert.Equal(new[] { false, false }, normRan);
        Assert.DoesNotContain(model.modules().OfType<Convolution2d>(), c => c.HasFoldedBatchNorm);
    }
}
