using System;
using System.Linq;
using Fcn.Runtime.Data;
using Fcn.Runtime.Training.Loss;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Training;

public sealed class SegmentationLossTests
{
    // One image, 3 classes, 1x3 pixels. Logits per pixel (c0, c1, c2): p0 = (1, 2, 3), p1 = (0, 0, 0),
    // p2 = (5, 1, -1). Targets: p0 -> 2, p1 -> 0, p2 -> 255 (void).
    //   p0: logsumexp(1,2,3) = 3 + ln(1 + e^-1 + e^-2) = 3 + ln(1.5032147) = 3.4076060; loss = 0.4076060
    //   p1: logsumexp(0,0,0) = ln 3 = 1.0986123; loss = 1.0986123
    //   p2: ignored.
    // PyTorch figures below: /usr/bin/python3 (torch 1.13.1), F.cross_entropy(x, t, [weight=w,]
    // ignore_index=255, reduction='sum' / 'mean') with x = tensor([1,0,5,2,0,1,3,0,-1.]).view(1,3,1,3)
    // and t = tensor([2,0,255]).view(1,1,3).
    private static Tensor Logits() => tensor(new float[] { 1, 0, 5, 2, 0, 1, 3, 0, -1 }, new long[] { 1, 3, 1, 3 });

    private static Tensor Target() => tensor(new long[] { 2, 0, 255 }, new long[] { 1, 1, 3 });

    private static readonly double[] Weights = { 0.5, 1.0, 2.0 };

    [Fact]
    public void Sum_adds_the_valid_pixels()
    {
        // 0.4076060 + 1.0986123 = 1.5062183. PyTorch 1.13: 1.5062181949615479.
        Assert.Equal(1.5062183, Compute(new SegmentationLossOptions(LossReduction.Sum)), 5);
    }

    [Fact]
    public void Mean_divides_by_the_valid_pixel_count()
    {
        // 1.5062183 / 2 = 0.7531091. PyTorch: 0.7531090974807739.
        Assert.Equal(0.7531091, Compute(new SegmentationLossOptions(LossReduction.Mean)), 5);
    }

    [Fact]
    public void Class_weights_scale_terms_and_the_mean_divides_by_the_weight_sum()
    {
        // Weights (0.5, 1, 2): sum = 2 * 0.4076060 + 0.5 * 1.0986123 = 1.3645181; PyTorch 1.3645180463790894.
        // Mean = 1.3645181 / (2 + 0.5) = 0.5458072; PyTorch 0.5458072423934937.
        Assert.Equal(1.3645181, Compute(new SegmentationLossOptions(LossReduction.Sum, Weights)), 5);
        Assert.Equal(0.5458072, Compute(new SegmentationLossOptions(LossReduction.Mean, Weights)), 5);
    }

    [Fact]
    public void Matches_pytorch_cross_entropy_on_a_larger_batch()
    {
        // Produced with /usr/bin/python3 (torch 1.13.1):
        //   x = torch.tensor([3*math.sin(0.3*i) for i in range(2*4*3*5)]).view(2,4,3,5)
        //   t = torch.tensor([(7*j)%5 for j in range(2*3*5)]).view(2,3,5); t[t==4] = 255
        //   w = torch.tensor([0.25, 1.0, 2.0, 0.5])
        //   F.cross_entropy(x, t, ignore_index=255, reduction='sum' / 'mean' [, weight=w])
        float[] x = Enumerable.Range(0, 2 * 4 * 3 * 5).Select(i => (float)(3 * Math.Sin(0.3 * i))).ToArray();
        long[] t = Enumerable.Range(0, 2 * 3 * 5).Select(j => (7L * j) % 5).Select(v => v == 4 ? 255L : v).ToArray();
        double[] w = { 0.25, 1.0, 2.0, 0.5 };
        using Tensor logits = tensor(x, new long[] { 2, 4, 3, 5 });
        using Tensor target = tensor(t, new long[] { 2, 3, 5 });

        Assert.Equal(70.4892578125, Value(new SegmentationLossOptions(LossReduction.Sum), logits, target), 3);
        Assert.Equal(2.9370524883270264, Value(new SegmentationLossOptions(LossReduction.Mean), logits, target), 5);
        Assert.Equal(74.95335388183594, Value(new SegmentationLossOptions(LossReduction.Sum, w), logits, target), 3);
        Assert.Equal(3.3312602043151855, Value(new SegmentationLossOptions(LossReduction.Mean, w), logits, target), 5);
    }

    [Fact]
    public void An_all_void_batch_has_zero_loss_not_nan()
    {
        using Tensor logits = Logits();
        using Tensor target = full(new long[] { 1, 1, 3 }, 255L);
        Assert.Equal(0.0, Value(new SegmentationLossOptions(LossReduction.Mean), logits, target));
    }

    [Fact]
    public void Loss_sampling_keeps_the_valid_pixels_whose_draw_is_below_the_fraction()
    {
        // Contract: pixel i (row-major over N, H, W) is kept iff the i-th NextDouble() of the given stream
        // is below the fraction. Recompute the kept set from an identical stream and sum the hand-computed
        // per-pixel losses of the kept valid pixels (p0 = 0.4076060, p1 = 1.0986123, p2 is void).
        const double fraction = 0.5;
        double[] perPixel = { 0.4076060, 1.0986123, 0.0 };
        for (long key = 0; key < 8; key++)
        {
            var replay = new KeyedRandom(11, key);
            double expected = 0;
            for (int i = 0; i < 3; i++)
            {
                if (replay.NextDouble() < fraction)
                {
                    expected += perPixel[i];
                }
            }

            var options = new SegmentationLossOptions(LossReduction.Sum, SampleFraction: fraction);
            using Tensor logits = Logits();
            using Tensor target = Target();
            using Tensor loss = new SegmentationLoss(options).Compute(logits, target, new KeyedRandom(11, key));
            Assert.Equal(expected, loss.item<float>(), 5);
        }
    }

    [Fact]
    public void Gradients_flow_only_from_valid_pixels()
    {
        using Tensor logits = Logits().requires_grad_();
        using Tensor target = Target();
        using Tensor loss = new SegmentationLoss(new SegmentationLossOptions(LossReduction.Sum)).Compute(logits, target);
        loss.backward();
        // d loss / d logits of the void pixel (last column) is exactly zero for every class.
        float[] grad = Support.Tensors.Floats(logits.grad!.select(3, 2));
        Assert.All(grad, g => Assert.Equal(0f, g));
    }

    private static double Compute(SegmentationLossOptions options)
    {
        using Tensor logits = Logits();
        using Tensor target = Target();
        return Value(options, logits, target);
    }

    private static double Value(SegmentationLossOptions options, Tensor logits, Tensor target)
    {
        using Tensor loss = new SegmentationLoss(options).Compute(logits, target);
        return loss.item<float>();
    }
}
