using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Times two or more actions that should be compared, interleaved, so that whatever slows the machine down
/// for a while (another build, a thermal step) lands on all of them alike. Each action first runs untimed to
/// warm up (allocator caches, oneDNN kernel selection, JIT); the number of timed repetitions is then chosen
/// from the last warm-up so that the case fits a time budget, within bounds.
/// </summary>
/// <remarks>
/// Two things keep one action from taxing the next. The order rotates each round (A B C, B C A, C A B, ...),
/// so every action follows every other equally often; with a fixed order the row after ONNX Runtime always
/// paid for it. And each timed action starts after a short pause (<see cref="Settle"/>, not timed), long
/// enough for ONNX Runtime's worker threads, which spin for a while after a run before they sleep, and
/// OpenMP's to go idle. Both were added after the generated FCN-ResNet50 forward, always timed right after
/// ONNX Runtime, came out 19% slower than the same model object with the same kernels timed second.
/// </remarks>
public static class InterleavedTimer
{
    /// <summary>The untimed pause before each timed action.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    public static IReadOnlyList<Timing> Measure(IReadOnlyList<Action> actions, int warmups, TimeSpan budget, int minRepetitions, int maxRepetitions)
    {
        double estimate = 0;
        for (int warmup = 0; warmup < warmups; warmup++)
        {
            estimate = 0;
            foreach (Action action in actions) estimate += Time(action);
        }

        int repetitions = Math.Clamp((int)Math.Ceiling(budget.TotalSeconds / Math.Max(estimate, 1e-6)), minRepetitions, maxRepetitions);
        var samples = actions.Select(_ => new List<double>(repetitions)).ToArray();
        for (int repetition = 0; repetition < repetitions; repetition++)
        {
            for (int step = 0; step < actions.Count; step++)
            {
                int i = (repetition + step) % actions.Count;
                samples[i].Add(Time(actions[i]));
            }
        }

        return samples.Select(Timing.Of).ToArray();
    }

    private static double Time(Action action)
    {
        Thread.Sleep(Settle);
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
