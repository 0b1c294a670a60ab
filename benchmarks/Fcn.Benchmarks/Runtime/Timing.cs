using System.Collections.Generic;
using Fcn.Benchmarks.Infrastructure;

namespace Fcn.Benchmarks.Runtime;

/// <summary>The summary of an action's timed repetitions, in seconds.</summary>
public sealed record Timing(double Median, double Min, int Count)
{
    public static Timing Of(IReadOnlyCollection<double> seconds) => new(Statistics.Median(seconds), Statistics.Min(seconds), seconds.Count);

    /// <summary>"median (min)" in milliseconds, one decimal: the tables' format.</summary>
    public string Milliseconds => Format.Fixed(Median * 1e3, 1) + " (" + Format.Fixed(Min * 1e3, 1) + ")";
}
