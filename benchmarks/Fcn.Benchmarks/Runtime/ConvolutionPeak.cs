using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// A second reference rate, next to <see cref="MatmulPeak"/>: the best of two large convolutions, which
/// libtorch runs through oneDNN (its own kernels, not the BLAS behind torch.mm), the library that also
/// runs the models' layers. Where oneDNN's kernels are faster than the BLAS's matrix product, the models
/// can exceed the "matmul peak"; this rate shows what the convolution kernels themselves reach.
/// </summary>
public static class ConvolutionPeak
{
    /// <summary>A 1x1 convolution 1024 -> 1024 channels and a 3x3 one 256 -> 256, each on a 64x64 map.</summary>
    public static readonly (long Channels, long Kernel)[] Shapes = { (1024, 1), (256, 3) };

    public const long MapSize = 64;

    public static double GigaflopsPerSecond(int repetitions = 3)
    {
        using var inference = inference_mode();
        double best = 0;
        foreach ((long channels, long kernel) in Shapes)
        {
            using var scope = NewDisposeScope();
            Tensor input = randn(1, channels, MapSize, MapSize);
            Tensor weight = randn(channels, channels, kernel, kernel);
            long padding = kernel / 2;
            nn.functional.conv2d(input, weight, padding: new[] { padding, padding }); // warm-up: kernel selection
            double flops = 2.0 * channels * channels * kernel * kernel * MapSize * MapSize;
            for (int i = 0; i < repetitions; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using Tensor output = nn.functional.conv2d(input, weight, padding: new[] { padding, padding });
                best = Math.Max(best, flops / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9);
            }
        }

        return best;
    }
}
