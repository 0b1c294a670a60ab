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
/// </summary>
internal static class SeededWeights
{
    /// <summary>Values for the given keys and shapes.</summary>
    public static Dictionary<string, WeightTensor> For(IEnumerable<(string Key, long[] Shape)> shapes, int seed)
    {
        var random = new Random(seed);
        var weights = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var (key, shape) in shapes)
        {
            long count = shape.Aggregate(1L, (a, b) => a * b);
            var data = new float[count];
            (double low, double high) = Range(key, shape);
            for (long i = 0; i < count; i++) data[i] = (float)(low + (high - low) * random.NextDouble());
            weights[key] = new WeightTensor(shape, data);
        }

        return weights;
    }

    /// <summary>Fills every floating-point parameter and buffer of <paramref name="module"/>; returns the values written.</summary>
    public static Dictionary<string, WeightTensor> Fill(nn.Module module, int seed)
    {
        Dictionary<string, Tensor> stateDict = module.state_dict();
        Dictionary<string, WeightTensor> values = For(
            stateDict.Where(entry => entry.Value.is_floating_point()).Select(entry => (entry.Key, entry.Value.shape)), seed);
        using var noGrad = no_grad();
        foreach (var (key, value) in values)
        {
            using Tensor source = tensor(value.Data, value.Shape);
            stateDict[key].copy_(source);
        }

        return values;
    }

    private static (double Low, double High) Range(string key, long[] shape)
    {
        string leaf = key.Substring(key.LastIndexOf('.') + 1);
        if (shape.Length >= 2)
        {
            double bound = Math.Sqrt(6.0 / shape.Skip(1).Aggregate(1L, (a, b) => a * b));
            return (-bound, bound);
        }

        return leaf is "running_var" or "weight" ? (0.5, 1.5) : (-0.1, 0.1);
    }
}
