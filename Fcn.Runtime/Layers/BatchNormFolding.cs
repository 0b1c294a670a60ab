using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>
/// Batch norm folded into the convolution before it, for inference, for as long as a scope is open: in eval mode
/// <c>bn(conv(x))</c> is one convolution with weight <c>w * s</c> and bias <c>beta + (b - mean) * s</c>, where
/// <c>s = gamma / sqrt(var + eps)</c> per output channel, so the separate pass of batch norm over every map is gone.
/// </summary>
/// <remarks>
/// <para>Why a scope: the folded weights are a snapshot of the convolution's and the batch norm's parameters and
/// running statistics, and TorchSharp 0.107 has no tensor version counter that would tell when one of them changed.
/// So folding holds only inside <see cref="Fold"/>'s scope, which the callers open over a span in which the weights
/// stay as they are: <c>fcn eval</c> and the trainer's validation (<see cref="Evaluation.SegmentationEvaluator"/>,
/// one scope per pass over the data) and <c>fcn predict</c> (one scope for the command, after the weights are
/// loaded). A program that calls <see cref="Prediction.SegmentationPredictor"/> itself opens the scope over its own
/// run of predictions: folding per image would cost a pass over every weight each time. ONNX Runtime and
/// <c>torch.jit.freeze</c> fold the same way, when a session or a frozen module is made.
/// Changing a weight inside a scope (under <c>no_grad</c>) is not seen until the next scope.</para>
/// <para>Where: the pairs a module declares through <see cref="IBatchNormPairs"/> (the ResNet trunk's
/// convolution-batch norm pairs; a generated graph's nodes are separate modules, and none of the VGG nets has batch
/// norm). A folded pair computes folded only while autograd is off and the batch norm is in eval mode, so a
/// training step inside a scope still trains the real parameters. While folded, neither the convolution's nor the
/// batch norm's own forward hooks run (the pair is one computation then, as in PyTorch's fused modules).</para>
/// <para>Switch: <c>FCN_FOLD_BATCH_NORM=off</c>. Measured with <c>Fcn.Benchmarks prepacked</c> (docs/benchmarks.md).
/// Results equal the unfolded ones to float rounding (<c>tests/Fcn.Runtime.Tests/Layers/BatchNormFoldingTests.cs</c>).</para>
/// </remarks>
public static class BatchNormFolding
{
    /// <summary>The environment variable that switches folding off: <c>off</c>.</summary>
    public const string SwitchVariable = "FCN_FOLD_BATCH_NORM";

    /// <summary>Whether <see cref="Fold"/> folds (read at each call): true unless <see cref="SwitchVariable"/> is <c>off</c>.</summary>
    public static bool Enabled =>
        !string.Equals(Environment.GetEnvironmentVariable(SwitchVariable)?.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Folds every pair that <paramref name="model"/> and its descendants declare, until the returned scope is
    /// disposed. Pairs already folded by an enclosing scope are left to it; a batch norm without running statistics
    /// is not folded.
    /// </summary>
    public static IDisposable Fold(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folded = new List<Convolution2d>();
        if (!Enabled) return new Scope(folded);
        using var noGrad = no_grad();
        foreach (IBatchNormPairs owner in model.modules().Prepend(model).OfType<IBatchNormPairs>().Distinct())
        {
            foreach ((Convolution2d convolution, BatchNorm2d norm) in owner.BatchNormPairs)
            {
                if (convolution.FoldedNorm is not null || norm.running_mean is null || norm.running_var is null) continue;
                convolution.FoldedNorm = FoldedBatchNorm.Of(convolution, norm);
                folded.Add(convolution);
            }
        }

        return new Scope(folded);
    }

    private sealed class Scope : IDisposable
    {
        private readonly List<Convolution2d> folded;

        public Scope(List<Convolution2d> folded) => this.folded = folded;

        public void Dispose()
        {
            foreach (Convolution2d convolution in folded)
            {
                convolution.FoldedNorm?.Dispose();
                convolution.FoldedNorm = null;
            }

            folded.Clear();
        }
    }
}
