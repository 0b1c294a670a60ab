using System;
using System.Diagnostics;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// The machine's practical float32 peak as libtorch sees it: the best of a few large square matrix
/// products (2 n^3 floating-point operations each), at the thread count of the run. The forward passes'
/// GFLOP/s are reported as a fraction of this.
/// </summary>
public static class MatmulPeak
{
    public static double GigaflopsPerSecond(int n = 2048, int repetitions = 5)
    {
        using var scope = NewDisposeScope();
        Tensor a = randn(n, n);
        Tensor b = randn(n, n);
        mm(a, b); // warm-up: thread pool, packing buffers
        double best = double.PositiveInfinity;
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using Tensor product = mm(a, b);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return 2.0 * n * n * n / best / 1e9;
    }
}
