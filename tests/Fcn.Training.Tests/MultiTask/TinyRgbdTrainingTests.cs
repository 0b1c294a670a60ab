using System.IO;
using System.Linq;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Prediction;
using Fcn.Runtime.Training;
using Fcn.Runtime.Training.Optimization;
using Fcn.Tests.Models;
using Fcn.Training.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.MultiTask;

public sealed class TinyRgbdTrainingTests
{
    private static SyntheticRgbdDataset Rgbd(int count, long seed) =>
        new(new SyntheticShapesOptions(count, seed, Size: 32, MinRadius: 4, MaxRadius: 9));

    [Fact]
    public void The_generated_description_names_both_inputs_and_both_heads()
    {
        Assert.Equal(new[] { new Fcn.Runtime.FcnInputInfo("color", 3), new Fcn.Runtime.FcnInputInfo("depth", 1) }, TinyRgbdFcn.Description.Inputs);
        Assert.Equal(new[] { "sem", "geo" }, TinyRgbdFcn.Description.Heads);
        Assert.Equal(new[] { 4, 3 }, TinyRgbdFcn.Description.OutputClasses);
        Assert.True(TinyRgbdFcn.Description.IsMultiTask);
    }

    [Fact]
    public void A_two_input_two_head_net_learns_both_heads_and_predicts_one_mask_per_head()
    {
        torch.set_num_threads(2);
        torch.random.manual_seed(3);
        using var model = new TinyRgbdFcn();
        var observer = new RecordingObserver();
        var options = new TrainingOptions(
            new SgdOptions(0.05, Momentum: 0.9, WeightDecay: 0),
            Epochs: 4,
            BatchSize: 4,
            Normalization: ImageNormalization.TorchVision,
            Augmentation: new JointAugmentation(HorizontalFlip: true),
            Seed: 5,
            Device: CPU);
        using (var trainer = new SegmentationTrainer(model, options, observer))
        {
            TrainingResult result = trainer.Fit(Rgbd(16, seed: 1), Rgbd(4, seed: 2));

            // 4 epochs of 16 samples in batches of 4: 16 steps; the summed loss of both heads falls clearly.
            Assert.Equal(16, result.Progress.Step);
            Assert.True(observer.Epochs[^1].MeanLoss < 0.8 * observer.Epochs[0].MeanLoss,
                $"loss {observer.Epochs[0].MeanLoss} -> {observer.Epochs[^1].MeanLoss}");
            Assert.Equal(new[] { "sem", "geo" }, result.LastHeadEvaluations!.Select(head => head.Head));
            Assert.Equal(4, result.LastHeadEvaluations![0].Confusion.ClassCount);
            Assert.Equal(3, result.LastHeadEvaluations![1].Confusion.ClassCount);
            Assert.Equal(result.LastMetrics!.MeanIU, result.LastHeadEvaluations![0].Metrics.MeanIU);
        }

        // Prediction: one mask per head, NAME.sem.png and NAME.geo.png, holding the predicted indices.
        SyntheticRgbdDataset validation = Rgbd(1, seed: 2);
        var predictor = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision, Device: CPU));
        DataBinding binding = DataBinding.Create(model.Info, validation);
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        using SegmentationSample sample = validation.Load(0);
        var masks = predictor.PredictHeadMasks(sample, binding);
        var written = PredictionWriter.WriteHeads(directory.Path, sample.Name, sample.Input("color"), masks);

        Assert.Equal(new[] { "rgbd_00000.sem.png", "rgbd_00000.geo.png" }, written.Select(w => Path.GetFileName(w.MaskPath)));
        for (int h = 0; h < 2; h++)
        {
            IndexedImage png = IndexedPngReader.Read(written[h].MaskPath);
            Assert.Equal(masks[h].Mask.data<long>().ToArray().Select(v => (byte)v), png.Pixels);
        }

        Assert.True(masks[1].Mask.max().item<long>() < 3);
    }
}
