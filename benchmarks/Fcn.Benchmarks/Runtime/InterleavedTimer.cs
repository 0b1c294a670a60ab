using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Times two or more actions that should be compared, interleaved (A B A B ...), so that whatever slows
/// the machine down for a while (another build, a thermal step) lands on all of them alike. Each action
/// first runs untimed to warm up (allocator caches, oneDNN kernel selection, JIT); the number of timed
/// repetitions is then chosen from the last warm-up so that the case fits a time budget, within bounds.
/// </summary>
public static class InterleavedTimer
{
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
            for (int i = 0; i < actions.Count; i++) samples[i].Add(Time(actions[i]));

        return samples.Select(Timing.Of).ToArray();
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
