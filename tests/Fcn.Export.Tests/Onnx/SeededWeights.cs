using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Export.Onnx;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// Seeded random values for every parameter and buffer, so that no comparison passes by accident
/// (the score layers start at zero, which makes every model agree on every input). Kernels get He's
/// uniform range sqrt(6 / fan_in), which keeps activations of the 16-layer VGG nets in range;
/// batch-norm scales and running variances lie in [0.5, 1.5], shifts, means and biases in [-0.1, 0.1].
/// Drawn by libtorch's seeded generator: 134 million values for a VGG16 net in a fraction of a second.
/// </summary>
internal static class SeededWeights
{
    /// <summary>Values for the given keys and shapes (for specs without a generated model).</summary>
    public static Dictionary<string, WeightTensor> For(IEnumerable<(string Key, long[] Shape)> shapes, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var weights = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var (key, shape) in shapes)
        {
            using Tensor values = Draw(key, shape, generator);
            weights[key] = new WeightTensor(shape, values.data<float>().ToArray());
        }

        return weights;
    }

    /// <summary>Fills every floating-point parameter and buffer of <paramref name="module"/>.</summary>
    public static void Fill(nn.Module module, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (key, target) in module.state_dict())
        {
            if (!target.is_floating_point()) continue;
            using Tensor values = Draw(key, target.shape, generator);
            target.copy_(values);
        }
    }

    private static Tensor Draw(string key, long[] shape, Generator generator)
    {
        (double low, double high) = Range(key, shape);
        return empty(shape, ScalarType.Float32).uniform_(low, high, generator);
    }

    private static (double Low, double High) Range(string key, long[] shape)
    {
        string leaf = key.Substring(key.LastIndexOf('.') + 1);
        if (shape.Length >= 2)
        {
            double bound = Math.Sqrt(6.0 / shape.Skip(1).Aggregate(1L, (a, b) => a * b));
            return (-bound, bound);
        }

        return leaf is "running_var" or "weight" ? (0.5, 1.0 + 0.5) : (-0.1, 0.1);
    }
}
