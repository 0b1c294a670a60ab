using System.Linq;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Training;
using Fcn.Runtime.Training.Optimization;
using Fcn.Runtime.Training.Stages;
using Fcn.Training.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Training;

public sealed class StagewiseTrainingTests
{
    [Fact]
    public void Each_stage_starts_from_the_previous_stages_weights()
    {
        // Stage 2 trains with learning rate 0, so its final weights are exactly its initialization, which
        // must be stage 1's trained weights (same names and shapes: everything is copied).
        var data = new SyntheticShapesDataset(new SyntheticShapesOptions(4, Seed: 3, Size: 16));
        TrainingOptions options = new(new SgdOptions(0.05), Epochs: 1, BatchSize: 2, Normalization: ImageNormalization.TorchVision, Device: CPU);
        var stages = new[]
        {
            new TrainingStage("coarse", () => new PixelClassifier(4, seed: 1), options),
            new TrainingStage("fine", () => new PixelClassifier(4, seed: 2), options with { Optimizer = new SgdOptions(0.0, WeightDecay: 0) }),
        };

        var results = StagewiseTraining.Run(stages, data);
        Assert.Equal(new[] { "coarse", "fine" }, results.Select(r => r.Stage));
        Assert.Null(results[0].Initialization);
        Assert.True(results[1].Initialization!.IsComplete);
        var coarse = results[0].Model.state_dict();
        var fine = results[1].Model.state_dict();
        Assert.All(coarse.Keys, key => Assert.True(Tensors.Identical(coarse[key], fine[key]), key));
        results.ToList().ForEach(r => r.Model.Dispose());
    }
}
