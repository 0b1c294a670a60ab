using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Evaluation;

/// <summary>
/// The paper's n_ij: pixels of true class i predicted as class j. Ground-truth labels outside
/// [0, classes) (255 = void, padding) are not counted. Counting runs on the tensors' device with one
/// <c>bincount</c>; only the finished n x n histogram is read back, once per <see cref="Add"/>.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
        }

        ClassCount = classes;
        _counts = new long[classes * classes];
    }

    /// <summary>Number of classes n_cl.</summary>
    public int ClassCount { get; }

    /// <summary>n_ij: pixels of true class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _counts[truth * ClassCount + predicted];

    /// <summary>Builds a matrix from known counts, row = truth, column = prediction.</summary>
    public static ConfusionMatrix FromCounts(long[,] counts)
    {
        int n = counts.GetLength(0);
        if (counts.GetLength(1) != n)
        {
            throw new ArgumentException("A confusion matrix is square.", nameof(counts));
        }

        var matrix = new ConfusionMatrix(n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                matrix._counts[i * n + j] = counts[i, j];
            }
        }

        return matrix;
    }

    /// <summary>Counts one batch: <paramref name="truth"/> and <paramref name="predicted"/> are integer tensors of equal shape.</summary>
    public void Add(Tensor truth, Tensor predicted)
    {
        if (!truth.shape.AsSpan().SequenceEqual(predicted.shape))
        {
            throw new ArgumentException(
                $"Truth [{string.Join(", ", truth.shape)}] and prediction [{string.Join(", ", predicted.shape)}] differ in shape.");
        }

        using var scope = NewDisposeScope();
        Tensor t = truth.flatten().to(ScalarType.Int64);
        Tensor p = predicted.flatten().to(ScalarType.Int64);
        Tensor valid = t.ge(0).logical_and(t.lt(ClassCount)).logical_and(p.ge(0)).logical_and(p.lt(ClassCount));
        Tensor index = t.masked_select(valid).mul(ClassCount).add(p.masked_select(valid));
        long[] histogram = index.bincount(null, ClassCount * ClassCount).cpu().data<long>().ToArray();
        for (int k = 0; k < histogram.Length; k++)
        {
            _counts[k] += histogram[k];
        }
    }

    /// <summary>Adds another matrix's counts to this one.</summary>
    public void Add(ConfusionMatrix other)
    {
        if (other.ClassCount != ClassCount)
        {
            throw new ArgumentException("Class counts differ.", nameof(other));
        }

        for (int k = 0; k < _counts.Length; k++)
        {
            _counts[k] += other._counts[k];
        }
    }

    /// <summary>The paper's four metrics and the per-class values.</summary>
    public SegmentationMetrics Metrics() => SegmentationMetrics.From(this);
}
