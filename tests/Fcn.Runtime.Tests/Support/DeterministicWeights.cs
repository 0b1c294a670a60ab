using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Support;

/// <summary>
/// The fill formula of make_fixtures.py, reproduced exactly: for the k-th key of the reference's
/// state-dict order and element i, value = shift + scale * sin(0.5 + 0.37 k + GoldenAngle i), computed
/// in float64 and rounded to float32. Scale and shift by key: weights of 2+ dims 2/sqrt(fan_in) and 0;
/// 1-dim weights (batch-norm scale) 0.2 and 1; running_var 0.5 and 1; running_mean 0.1 and 0;
/// everything else 0.05 and 0. Integer tensors (num_batches_tracked) are left alone.
/// </summary>
internal static class DeterministicWeights
{
    public const double GoldenAngle = 2.399963229728653;
    private const long Chunk = 1L << 22;

    /// <summary>Fills every floating tensor of <paramref name="module"/> that the reference lists, by key.</summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="reference">The reference layout: its key order gives k.</param>
    /// <param name="keep">Keys to leave as the module initialized them (e.g. a bilinear upsampling).</param>
    public static void Fill(nn.Module module, ReferenceModel reference, params string[] keep)
    {
        Dictionary<string, Tensor> targets = module.state_dict();
        using var noGrad = no_grad();
        for (int k = 0; k < reference.Keys.Count; k++)
        {
            ReferenceKey key = reference.Keys[k];
            if (key.DType != "float32" || keep.Contains(key.Key)) continue;
            Assert.True(targets.TryGetValue(key.Key, out Tensor? target), $"The module has no key {key.Key}.");
            var (scale, shift) = ScaleAndShift(key.Key, key.Shape);
            Tensor flat = target!.view(-1);
            for (long start = 0; start < flat.numel(); start += Chunk)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(Chunk, flat.numel() - start);
                Tensor index = arange(start, start + count, dtype: ScalarType.Float64);
                Tensor values = index.mul(GoldenAngle).add(0.5 + 0.37 * k).sin().mul(scale).add(shift);
                flat.narrow(0, start, count).copy_(values.to_type(ScalarType.Float32));
            }
        }
    }

    /// <summary>The input formula: x[j] = sin(1 + 0.61803398875 j) over the row-major index j.</summary>
    public static Tensor Input(params long[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        using var scope = NewDisposeScope();
        Tensor index = arange(0, count, dtype: ScalarType.Float64);
        return index.mul(0.61803398875).add(1.0).sin().to_type(ScalarType.Float32).reshape(shape).MoveToOuterDisposeScope();
    }

    private static (double Scale, double Shift) ScaleAndShift(string key, IReadOnlyList<long> shape)
    {
        string leaf = key.Substring(key.LastIndexOf('.') + 1);
        if (leaf == "running_var") return (0.5, 1.0);
        if (leaf == "running_mean") return (0.1, 0.0);
        if (leaf == "weight" && shape.Count >= 2)
            return (2.0 / Math.Sqrt(shape.Skip(1).Aggregate(1L, (a, b) => a * b)), 0.0);
        if (leaf == "weight") return (0.2, 1.0);
        return (0.05, 0.0);
    }
}
