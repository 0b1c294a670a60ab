using System.Linq;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Training.Loss;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.MultiTask;

public sealed class MultiTaskLossTests
{
    // Logits written as round(2 sin(a k + b), 4) for k = 0.. (a, b) = (1.3, 0.4) for sem [1, 3, 2, 2] and (0.7, -0.9)
    // for geo [1, 2, 2, 2]; the expected values come from PyTorch 1.13, float64:
    //   ls = F.cross_entropy(sem, [[[0, 2], [255, 1]]], ignore_index=255)  -> 1.8251717236749678
    //   lg = F.cross_entropy(geo, [[[1, 0], [0, 1]]], ignore_index=0)      -> 1.7211118900874687
    //   1.0 * ls + 0.25 * lg                                                -> 2.255449696196835
    private static readonly double[] Sem = { 0.7788, 1.9833, 0.2822, -1.8323, -1.2625, 1.1569, 1.8815, -0.1503, -1.9619, -0.8993, 1.4808, 1.6915 };
    private static readonly double[] Geo = { -1.5667, -0.3973, 0.9589, 1.8641, 1.8926, 1.031, -0.3155, -1.5136 };

    /// <summary>sem (void 255, weight 1) and geo (void 0, weight 0.25), the two heads of the logits above.</summary>
    private static MultiTaskLoss SemAndGeoLoss() => new(
        new SegmentationLossOptions(LossReduction.Mean),
        new[]
        {
            new HeadBinding("sem", OutputIndex: 0, Label: "sem", VoidLabel: 255, Weight: 1.0),
            new HeadBinding("geo", OutputIndex: 1, Label: "geo", VoidLabel: 0, Weight: 0.25),
        },
        outputCount: 2,
        auxiliaryWeight: 0.5);

    [Fact]
    public void Is_the_weighted_sum_of_each_heads_cross_entropy_with_its_own_void_label()
    {
        MultiTaskLoss loss = SemAndGeoLoss();
        Tensor sem = tensor(Sem, new long[] { 1, 3, 2, 2 }, ScalarType.Float64);
        Tensor geo = tensor(Geo, new long[] { 1, 2, 2, 2 }, ScalarType.Float64);
        Tensor semLabels = tensor(new long[] { 0, 2, 255, 1 }, new long[] { 1, 2, 2 });
        Tensor geoLabels = tensor(new long[] { 1, 0, 0, 1 }, new long[] { 1, 2, 2 });

        double total = loss.Compute(new[] { sem, geo }, new[] { semLabels, geoLabels }).item<double>();

        Assert.Equal(2.255449696196835, total, 12);
    }

    [Fact]
    public void An_output_that_is_no_head_is_an_auxiliary_loss_on_the_main_heads_labels()
    {
        // One head (sem) and a second output: loss = ls + 0.5 * CE(aux, sem labels). With aux = sem the total is 1.5 ls.
        var heads = new[] { new HeadBinding("out", 0, "mask", 255, 1.0) };
        var loss = new MultiTaskLoss(new SegmentationLossOptions(LossReduction.Mean), heads, outputCount: 2, auxiliaryWeight: 0.5);
        Tensor sem = tensor(Sem, new long[] { 1, 3, 2, 2 }, ScalarType.Float64);
        Tensor labels = tensor(new long[] { 0, 2, 255, 1 }, new long[] { 1, 2, 2 });

        double total = loss.Compute(new[] { sem, sem.clone() }, new[] { labels }).item<double>();

        Assert.Equal(1.5 * 1.8251717236749678, total, 12);
    }

    [Fact]
    public void A_label_the_head_cannot_predict_is_a_data_mismatch_naming_the_head_and_what_to_do()
    {
        // geo predicts 2 classes (0, 1); a 3 in its labels (void is 0) is out of range, sem's 255 is its void label.
        MultiTaskLoss loss = SemAndGeoLoss();
        Tensor sem = tensor(Sem, new long[] { 1, 3, 2, 2 }, ScalarType.Float64);
        Tensor geo = tensor(Geo, new long[] { 1, 2, 2, 2 }, ScalarType.Float64);
        Tensor semLabels = tensor(new long[] { 0, 2, 255, 1 }, new long[] { 1, 2, 2 });
        Tensor geoLabels = tensor(new long[] { 1, 3, 0, 1 }, new long[] { 1, 2, 2 });

        var error = Assert.Throws<DataMismatchException>(() => loss.Compute(new[] { sem, geo }, new[] { semLabels, geoLabels }));

        Assert.Contains("head 'geo' hold the value 3", error.Message);
        Assert.Contains("predicts 2 classes (0 to 1)", error.Message);
        Assert.Contains("--void-label", error.Message);
    }
}
