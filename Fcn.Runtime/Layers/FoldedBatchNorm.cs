using System;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>A convolution's folded weight and bias for one batch norm (see <see cref="BatchNormFolding"/>).</summary>
internal sealed class FoldedBatchNorm : IDisposable
{
    private FoldedBatchNorm(BatchNorm2d norm, Tensor weight, Tensor bias)
    {
        Norm = norm;
        Weight = weight;
        Bias = bias;
    }

    public BatchNorm2d Norm { get; }

    public Tensor Weight { get; }

    public Tensor Bias { get; }

    public static FoldedBatchNorm Of(Convolution2d convolution, BatchNorm2d norm)
    {
        using var scope = NewDisposeScope();
        Tensor variance = norm.running_var!, mean = norm.running_mean!;
        Tensor gamma = norm.weight is { } w ? w : ones_like(variance);
        Tensor beta = norm.bias is { } b ? b : zeros_like(variance);
        Tensor scale = gamma / (variance + norm.eps).sqrt();
        Tensor weight = (convolution.weight * scale.view(-1, 1, 1, 1)).contiguous();
        Tensor shift = convolution.bias is { } bias ? bias - mean : mean.neg();
        Tensor foldedBias = beta + shift * scale;
        // Detached: the fold's scope disposes them, whatever dispose scope Fold was called in.
        return new FoldedBatchNorm(norm, weight.DetachFromDisposeScope(), foldedBias.DetachFromDisposeScope());
    }

    public void Dispose()
    {
        Weight.Dispose();
        Bias.Dispose();
    }
}
