using System;
using System.Linq;
using Fcn.Runtime.Data;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Fcn.Runtime.Training.Loss;

/// <summary>
/// Per-pixel multinomial logistic loss (softmax cross-entropy) with an ignore label, optional class
/// weights and optional loss sampling (paper 3.4: "patchwise training is loss sampling").
/// </summary>
public sealed class SegmentationLoss
{
    private readonly float[]? _weights;

    /// <summary>Creates the loss.</summary>
    public SegmentationLoss(SegmentationLossOptions options)
    {
        if (options.SampleFraction is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SampleFraction, "Sample fraction must be in (0, 1].");
        }

        Options = options;
        _weights = options.ClassWeights?.Select(w => (float)w).ToArray();
    }

    /// <summary>The options.</summary>
    public SegmentationLossOptions Options { get; }

    /// <summary>
    /// The loss of <paramref name="logits"/> <c>[N, C, H, W]</c> against <paramref name="target"/>
    /// <c>[N, H, W]</c> (int64). With <see cref="SegmentationLossOptions.SampleFraction"/> below 1,
    /// <paramref name="sampling"/> decides which valid pixels are kept (drawn on the host so the choice is
    /// reproducible from a key, independent of the device). A batch with no kept pixel has loss 0.
    /// </summary>
    public Tensor Compute(Tensor logits, Tensor target, KeyedRandom? sampling = null)
    {
        using var scope = NewDisposeScope();
        Tensor? weight = _weights is null ? null : tensor(_weights, device: logits.device, dtype: logits.dtype);

        // w[t] * -log softmax(x)[t] per pixel; 0 where t == ignore.
        Tensor perPixel = F.cross_entropy(logits, target, weight, Options.IgnoreIndex, nn.Reduction.None);
        Tensor kept = target.ne(Options.IgnoreIndex);
        if (Options.SampleFraction < 1)
        {
            if (sampling is null)
            {
                throw new ArgumentNullException(nameof(sampling), "Loss sampling needs a random stream.");
            }

            kept = kept.logical_and(SampleMask(target, sampling));
        }

        Tensor keptFloat = kept.to(logits.dtype);
        Tensor sum = perPixel.mul(keptFloat).sum();
        if (Options.Reduction == LossReduction.Sum)
        {
            return sum.MoveToOuterDisposeScope();
        }

        Tensor pixelWeights = weight is null
            ? keptFloat
            : weight.index_select(0, target.clamp(0, logits.shape[1] - 1).flatten()).view_as(keptFloat).mul(keptFloat);

        // clamp_min only matters when nothing was kept: then the sum is 0 too and the loss is 0, not NaN.
        return sum.div(pixelWeights.sum().clamp_min(1e-12)).MoveToOuterDisposeScope();
    }

    private Tensor SampleMask(Tensor target, KeyedRandom sampling)
    {
        var keep = new bool[target.numel()];
        for (int i = 0; i < keep.Length; i++)
        {
            keep[i] = sampling.NextDouble() < Options.SampleFraction;
        }

        return tensor(keep, target.shape, device: target.device);
    }
}
