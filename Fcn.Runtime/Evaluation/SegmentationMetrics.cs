using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Runtime.Evaluation;

/// <summary>
/// The four metrics of the FCN paper (section 5), with n_ij = pixels of class i predicted j and
/// t_i = sum_j n_ij. Means skip classes whose ratio is 0/0 (NaN); frequency-weighted IU sums only the
/// classes present in the ground truth.
/// </summary>
/// <param name="PixelAccuracy">sum_i n_ii / sum_i t_i.</param>
/// <param name="MeanAccuracy">(1/n_cl) sum_i n_ii / t_i (NaN-skipping).</param>
/// <param name="MeanIU">(1/n_cl) sum_i n_ii / (t_i + sum_j n_ji - n_ii) (NaN-skipping).</param>
/// <param name="FrequencyWeightedIU">(sum_k t_k)^-1 sum_i t_i n_ii / (t_i + sum_j n_ji - n_ii).</param>
/// <param name="ClassAccuracy">n_ii / t_i per class (NaN when t_i = 0).</param>
/// <param name="ClassIU">IU per class (NaN when the class is neither present nor predicted).</param>
public sealed record SegmentationMetrics(
    double PixelAccuracy,
    double MeanAccuracy,
    double MeanIU,
    double FrequencyWeightedIU,
    IReadOnlyList<double> ClassAccuracy,
    IReadOnlyList<double> ClassIU)
{
    /// <summary>Computes the metrics of <paramref name="matrix"/>.</summary>
    public static SegmentationMetrics From(ConfusionMatrix matrix)
    {
        int n = matrix.ClassCount;
        var truthTotals = new double[n];      // t_i = sum_j n_ij
        var predictedTotals = new double[n];  // sum_j n_ji
        var correct = new double[n];          // n_ii
        for (int i = 0; i < n; i++)
        {
            correct[i] = matrix[i, i];
            for (int j = 0; j < n; j++)
            {
                truthTotals[i] += matrix[i, j];
                predictedTotals[i] += matrix[j, i];
            }
        }

        double total = truthTotals.Sum();
        var accuracy = new double[n];
        var iu = new double[n];
        double weighted = 0;
        for (int i = 0; i < n; i++)
        {
            accuracy[i] = correct[i] / truthTotals[i];                                   // 0/0 -> NaN
            iu[i] = correct[i] / (truthTotals[i] + predictedTotals[i] - correct[i]);     // 0/0 -> NaN
            if (truthTotals[i] > 0)
            {
                weighted += truthTotals[i] * iu[i];
            }
        }

        return new SegmentationMetrics(
            PixelAccuracy: correct.Sum() / total,
            MeanAccuracy: NanMean(accuracy),
            MeanIU: NanMean(iu),
            FrequencyWeightedIU: weighted / total,
            ClassAccuracy: accuracy,
            ClassIU: iu);
    }

    private static double NanMean(double[] values)
    {
        double[] present = values.Where(v => !double.IsNaN(v)).ToArray();
        return present.Length == 0 ? double.NaN : present.Average();
    }
}
