using System.Collections.Generic;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Evaluation;
using Fcn.Training.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.MultiTask;

public sealed class HeadEvaluationTests
{
    /// <summary>
    /// One 1x4 sample whose inputs are the two heads' scores.
    /// sem: truth [0, 1, 1, void 255], predicted [0, 1, 0, 1].
    /// geo (void label 0 by option): truth [0 void, 2, 1, 2], predicted [2, 2, 1, 0].
    /// </summary>
    internal static InMemoryDataset OneSample()
    {
        var dataset = new InMemoryDataset(
            new[] { new SampleInputInfo("a", 2, InputEncoding.Normalized), new SampleInputInfo("b", 3, InputEncoding.Normalized) },
            new[] { new SampleLabelInfo("sem"), new SampleLabelInfo("geo") });
        Tensor a = tensor(new float[] { 1, 0, 1, 0, /* channel 1 */ 0, 1, 0, 1 }, new long[] { 2, 1, 4 });
        Tensor b = tensor(new float[] { 0, 0, 0, 1, /* 1 */ 0, 0, 1, 0, /* 2 */ 1, 1, 0, 0 }, new long[] { 3, 1, 4 });
        dataset.Add(new[] { a, b }, new[] { tensor(new long[] { 0, 1, 1, 255 }, new long[] { 1, 4 }), tensor(new long[] { 0, 2, 1, 2 }, new long[] { 1, 4 }) });
        return dataset;
    }

    [Fact]
    public void Each_head_gets_the_papers_four_metrics_on_its_own_labels()
    {
        using var model = new TwoHeadPassthrough();
        InMemoryDataset dataset = OneSample();
        DataBinding binding = DataBinding.Create(model.Info, dataset, new DataBindingOptions(VoidLabels: new Dictionary<string, long> { ["geo"] = 0 }));
        var loader = new SegmentationLoader(dataset, new LoaderOptions(ImageNormalization.Caffe, Binding: binding));

        IReadOnlyList<HeadEvaluation> heads = SegmentationEvaluator.EvaluateHeads(model, loader, CPU, binding);

        // sem: n00 = 1, n11 = 1, n10 = 1 (void not counted). t = (1, 2), predicted totals (2, 1).
        // pixel acc 2/3; mean acc (1/1 + 1/2) / 2 = 0.75; IU0 = 1/(1+2-1) = 0.5, IU1 = 1/(2+1-1) = 0.5;
        // mean IU 0.5; f.w. IU (1 * 0.5 + 2 * 0.5) / 3 = 0.5.
        Assert.Equal("sem", heads[0].Head);
        SegmentationMetrics sem = heads[0].Metrics;
        Assert.Equal(2.0 / 3, sem.PixelAccuracy, 12);
        Assert.Equal(0.75, sem.MeanAccuracy, 12);
        Assert.Equal(0.5, sem.MeanIU, 12);
        Assert.Equal(0.5, sem.FrequencyWeightedIU, 12);

        // geo, label 0 void: n22 = 1, n11 = 1, n20 = 1. t = (0, 1, 2), predicted totals (1, 1, 1).
        // pixel acc 2/3; acc (NaN, 1, 1/2) -> mean 0.75; IU (0/(0+1-0) = 0, 1/(1+1-1) = 1, 1/(2+1-1) = 0.5) -> mean 0.5;
        // f.w. IU (0 * 0 + 1 * 1 + 2 * 0.5) / 3 = 2/3.
        Assert.Equal("geo", heads[1].Head);
        SegmentationMetrics geo = heads[1].Metrics;
        Assert.Equal(3, geo.ClassIU.Count);
        Assert.Equal(2.0 / 3, geo.PixelAccuracy, 12);
        Assert.Equal(0.75, geo.MeanAccuracy, 12);
        Assert.Equal(0.5, geo.MeanIU, 12);
        Assert.Equal(2.0 / 3, geo.FrequencyWeightedIU, 12);
    }
}
