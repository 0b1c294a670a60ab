using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// Seeded random values in every parameter and buffer of a model, so that a comparison of outputs tests
/// every weight (zero-initialized score layers would make any two nets agree). Scales keep the
/// activations of a deep net near 1: convolution weights Normal(0, sqrt(2 / fan_in)) (He), biases
/// Normal(0, 0.1), batch-norm scales and running variances Uniform(0.5, 1.5), running means
/// Normal(0, 0.1), and batch counters random integers.
/// </summary>
internal static class RandomStateDict
{
    public static void Fill(nn.Module module, long seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (key, tensor) in module.state_dict())
        {
            using var scope = NewDisposeScope();
            string leaf = key.Substring(key.LastIndexOf('.') + 1);
            if (!is_floating_point(tensor))
            {
                tensor.random_(1, 1000, generator: generator);
                continue;
            }
            switch (leaf)
            {
                case "running_var":
                    tensor.uniform_(0.5, 1.5, generator: generator);
                    break;
                case "running_mean":
                    tensor.normal_(0, 0.1, generator: generator);
                    break;
                case "weight" when tensor.dim() >= 2:
                    long fanIn = tensor.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                    tensor.normal_(0, Math.Sqrt(2.0 / fanIn), generator: generator);
                    break;
                case "weight":
                    tensor.uniform_(0.5, 1.5, generator: generator);
                    break;
                default:
                    tensor.normal_(0, 0.1, generator: generator);
                    break;
            }
        }
    }
}
