using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Training;
using Fcn.Runtime.Training.Checkpoints;
using Fcn.Runtime.Training.Loss;
using Fcn.Runtime.Training.Optimization;
using Fcn.Runtime.Training.Reporting;
using Fcn.Training.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Training;

public sealed class TrainerTests
{
    private static SyntheticShapesDataset Shapes(int count, long seed = 1, int size = 24) =>
        new(new SyntheticShapesOptions(count, seed, Size: size, MinRadius: 4, MaxRadius: 8));

    // Exercises every source of randomness: shuffling, augmentation, dropout, loss sampling, and momentum.
    private static TrainingOptions Options(string? checkpoints = null, long? maxSteps = null, int epochs = 2) => new(
        new SgdOptions(0.05, Momentum: 0.9, WeightDecay: 1e-4, BiasLearningRateMultiplier: 2, BiasWeightDecay: false, Schedule: LearningRateSchedule.Poly),
        Epochs: epochs,
        MaxSteps: maxSteps,
        BatchSize: 2,
        Loss: new SegmentationLossOptions(LossReduction.Mean, SampleFraction: 0.7),
        Normalization: ImageNormalization.TorchVision,
        Augmentation: new JointAugmentation(HorizontalFlip: true),
        Seed: 42,
        CheckpointDirectory: checkpoints,
        Device: CPU);

    [Fact]
    public void Training_reduces_the_loss()
    {
        using var model = new PixelClassifier(SyntheticShapesDataset.ClassCount);
        var observer = new RecordingObserver();
        var options = Options(epochs: 6) with { Loss = new SegmentationLossOptions(), Optimizer = new SgdOptions(0.1, Momentum: 0.9, WeightDecay: 0) };
        using var trainer = new SegmentationTrainer(model, options, observer);
        TrainingResult result = trainer.Fit(Shapes(16), Shapes(8, seed: 2));

        // 6 epochs of 16 images in batches of 2: 8 steps each.
        Assert.Equal(6 * 8, result.Progress.Step);
        Assert.Equal(6, observer.Epochs.Count);
        Assert.Equal(6, observer.Validations.Count);
        // Compare the first epoch's mean loss with the last one's: a working optimizer lowers it clearly.
        Assert.True(observer.Epochs[^1].MeanLoss < 0.8 * observer.Epochs[0].MeanLoss,
            $"loss {observer.Epochs[0].MeanLoss} -> {observer.Epochs[^1].MeanLoss}");
        Assert.InRange(result.LastMetrics!.PixelAccuracy, 0.0, 1.0);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_bit_for_bit()
    {
        // 8 samples, batch 2 -> 4 steps per epoch; stop at step 3 (mid-epoch 0) and step 6 (mid-epoch 1).
        const int total = 6, stopAt = 3;
        using var temp = new TemporaryDirectory();

        using var straightModel = new PixelClassifier(SyntheticShapesDataset.ClassCount, withAux: true);
        using var straight = new SegmentationTrainer(straightModel, Options(maxSteps: total));
        straight.Fit(Shapes(8));

        using (var firstModel = new PixelClassifier(SyntheticShapesDataset.ClassCount, withAux: true))
        using (var first = new SegmentationTrainer(firstModel, Options(temp.Path, maxSteps: stopAt)))
        {
            Assert.Equal(stopAt, first.Fit(Shapes(8)).Progress.Step);
        }

        // Scramble torch's generator: the checkpoint must restore it.
        random.manual_seed(12345);
        using var resumedModel = new PixelClassifier(SyntheticShapesDataset.ClassCount, withAux: true, seed: 99);
        using var resumed = new SegmentationTrainer(resumedModel, Options(temp.Path, maxSteps: total));
        resumed.Resume(SegmentationTrainer.LastCheckpointPath(temp.Path));
        Assert.Equal(new TrainingProgress(0, 3, 3, double.NaN, 42), resumed.Progress);
        resumed.Fit(Shapes(8));

        Assert.Equal(total, resumed.Progress.Step);
        var expected = straightModel.state_dict();
        var actual = resumedModel.state_dict();
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (string key in expected.Keys)
        {
            Assert.True(Tensors.Identical(expected[key], actual[key]), $"{key} differs after resume");
        }

        for (int i = 0; i < straight.Optimizer.MomentumBuffers.Count; i++)
        {
            Assert.True(Tensors.Identical(straight.Optimizer.MomentumBuffers[i], resumed.Optimizer.MomentumBuffers[i]));
        }
    }

    [Fact]
    public void Resuming_a_finished_run_reports_the_checkpoints_validation_mean_IU()
    {
        using var temp = new TemporaryDirectory();
        TrainingResult first;
        using (var model = new PixelClassifier(SyntheticShapesDataset.ClassCount))
        using (var trainer = new SegmentationTrainer(model, Options(temp.Path, epochs: 2)))
            first = trainer.Fit(Shapes(8), Shapes(4, seed: 2));

        using var again = new PixelClassifier(SyntheticShapesDataset.ClassCount);
        using var resumed = new SegmentationTrainer(again, Options(temp.Path, epochs: 2));
        resumed.Resume(SegmentationTrainer.LastCheckpointPath(temp.Path));
        TrainingResult result = resumed.Fit(Shapes(8), Shapes(4, seed: 2));

        Assert.Null(result.LastMetrics);                  // nothing left to train or validate...
        Assert.False(double.IsNaN(first.LastMeanIU));
        Assert.Equal(first.LastMetrics!.MeanIU, result.LastMeanIU);   // ...so the figures are the checkpoint's
        Assert.Equal(first.BestMeanIU, result.BestMeanIU);
        Assert.Equal(first.Progress.Step, result.Progress.Step);
    }

    [Fact]
    public void A_crash_while_writing_leaves_the_previous_checkpoint_intact()
    {
        using var temp = new TemporaryDirectory();
        using var model = new PixelClassifier(SyntheticShapesDataset.ClassCount);
        using var trainer = new SegmentationTrainer(model, Options(temp.Path, maxSteps: 2));
        trainer.Fit(Shapes(8));
        string path = SegmentationTrainer.LastCheckpointPath(temp.Path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[] { 1, 2, 3 });
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "last.ckpt" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        using var again = new PixelClassifier(SyntheticShapesDataset.ClassCount);
        using var reader = new SegmentationTrainer(again, Options(temp.Path));
        reader.Resume(path);
        Assert.Equal(2, reader.Progress.Step);
    }

    [Fact]
    public void A_bad_sample_mid_epoch_saves_a_checkpoint_before_failing_or_is_skipped()
    {
        using var temp = new TemporaryDirectory();
        // Sample 5 fails to load; the shuffle decides at which step of the first epoch that happens.
        var failing = new FailingDataset(Shapes(8), badIndex: 5);
        using (var model = new PixelClassifier(SyntheticShapesDataset.ClassCount))
        using (var trainer = new SegmentationTrainer(model, Options(temp.Path)))
        {
            Assert.Throws<Fcn.Runtime.Data.SampleLoadException>(() => trainer.Fit(failing));
            Assert.True(File.Exists(SegmentationTrainer.LastCheckpointPath(temp.Path)));
            using var check = new PixelClassifier(SyntheticShapesDataset.ClassCount);
            using var reader = new SegmentationTrainer(check, Options(temp.Path));
            reader.Resume(SegmentationTrainer.LastCheckpointPath(temp.Path));
            Assert.Equal(trainer.Progress, reader.Progress);
        }

        using var skippingModel = new PixelClassifier(SyntheticShapesDataset.ClassCount);
        using var skipping = new SegmentationTrainer(skippingModel, Options() with { SkipBadSamples = true });
        TrainingResult result = skipping.Fit(failing);
        Assert.Equal(2, result.Skipped.Count); // once per epoch
        // 8 images in 4 batches of 2 (the one with sample 5 holds a single image): 4 steps per epoch, 2 epochs.
        Assert.Equal(8, result.Progress.Step);
    }

    [Fact]
    public void Cancellation_stops_after_the_current_step_with_a_checkpoint()
    {
        using var temp = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var observer = new RecordingObserver { OnStepCallback = r => { if (r.Step == 3) { cancellation.Cancel(); } } };
        using var model = new PixelClassifier(SyntheticShapesDataset.ClassCount);
        using var trainer = new SegmentationTrainer(model, Options(temp.Path), observer);
        TrainingResult result = trainer.Fit(Shapes(8), cancellation: cancellation.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(3, result.Progress.Step);
        Assert.Contains(observer.Checkpoints, c => c.Reason == "stopped" && c.Step == 3);
    }

    [Fact]
    public void Frozen_parameters_stay_fixed_and_aux_outputs_are_trained()
    {
        using var model = new PixelClassifier(SyntheticShapesDataset.ClassCount, withAux: true);
        using Tensor calibration = model.state_dict()["calibration.weight"].clone();
        using Tensor auxBefore = model.state_dict()["aux.weight"].clone();
        using var trainer = new SegmentationTrainer(model, Options(maxSteps: 3));
        trainer.Fit(Shapes(8));
        Assert.True(Tensors.Identical(calibration, model.state_dict()["calibration.weight"]));
        Assert.False(Tensors.Identical(auxBefore, model.state_dict()["aux.weight"]));
    }

    [Fact]
    public void Live_tensor_count_does_not_grow_over_many_steps()
    {
        // 50 steps of batch 2 on 16x16 images; the count after warm-up (step 10) equals the count at step 50.
        using var model = new PixelClassifier(SyntheticShapesDataset.ClassCount, withAux: true);
        var live = new Dictionary<long, long>();
        var observer = new RecordingObserver { OnStepCallback = r => live[r.Step] = DisposeScopeManager.Statistics.ThreadTotalLiveCount };
        var options = Options(epochs: 13, maxSteps: 50) with { Loss = new SegmentationLossOptions() };
        using var trainer = new SegmentationTrainer(model, options, observer);
        trainer.Fit(Shapes(8, size: 16));
        Assert.Equal(50, live.Count);
        Assert.Equal(live[10], live[50]);
    }
}
