using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// The machine's practical float32 matrix-multiply rate as libtorch sees it: the best of a few large
/// square products (2 n^3 floating-point operations each) at two sizes, at the thread count of the run.
/// The forward passes' GFLOP/s are reported as a fraction of this.
/// </summary>
public static class MatmulPeak
{
    public static readonly int[] Sizes = { 2048, 4096 };

    public static double GigaflopsPerSecond(int repetitions = 3)
    {
        double best = 0;
        foreach (int n in Sizes)
        {
            using var scope = NewDisposeScope();
            Tensor a = randn(n, n);
            Tensor b = randn(n, n);
            mm(a, b); // warm-up: thread pool, packing buffers
            for (int i = 0; i < repetitions; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using Tensor product = mm(a, b);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                best = Math.Max(best, 2.0 * n * n * n / seconds / 1e9);
            }
        }

        return best;
    }
}
