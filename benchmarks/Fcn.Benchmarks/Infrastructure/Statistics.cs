using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Benchmarks.Infrastructure;

/// <summary>Order statistics of a small sample: what the tables report.</summary>
public static class Statistics
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("The median of no values is undefined.", nameof(values));
        double[] sorted = values.OrderBy(value => value).ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double Min(IReadOnlyCollection<double> values) => values.Min();
}
