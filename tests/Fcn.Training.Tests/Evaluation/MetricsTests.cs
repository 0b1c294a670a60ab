using System.Linq;
using Fcn.Runtime.Evaluation;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void Hand_worked_matrix_with_an_absent_class()
    {
        // n = [[3,1,0],[1,2,0],[0,0,0]]: class 2 neither present nor predicted (0/0 everywhere).
        // t = (4, 3, 0), column sums = (4, 3, 0), n_ii = (3, 2, 0).
        // pixel acc = 5/7; mean acc = (3/4 + 2/3)/2 = 0.7083333 (class 2 skipped)
        // IU = (3/(4+4-3), 2/(3+3-2), NaN) = (0.6, 0.5, NaN); mean IU = 0.55
        // f.w. IU = (4*0.6 + 3*0.5)/7 = 3.9/7 = 0.5571429
        SegmentationMetrics m = ConfusionMatrix.FromCounts(new long[,] { { 3, 1, 0 }, { 1, 2, 0 }, { 0, 0, 0 } }).Metrics();
        Assert.Equal(5.0 / 7, m.PixelAccuracy, 12);
        Assert.Equal(0.7083333333, m.MeanAccuracy, 9);
        Assert.Equal(0.55, m.MeanIU, 12);
        Assert.Equal(3.9 / 7, m.FrequencyWeightedIU, 12);
        Assert.True(double.IsNaN(m.ClassIU[2]));
        Assert.True(double.IsNaN(m.ClassAccuracy[2]));
    }

    [Fact]
    public void A_class_predicted_but_absent_counts_as_zero_IU()
    {
        // n = [[2,1,1],[0,3,0],[0,0,0]]: t = (4,3,0), column sums = (2,4,1), n_ii = (2,3,0).
        // IU = (2/(4+2-2), 3/(3+4-3), 0/(0+1-0)) = (0.5, 0.75, 0); mean IU = 1.25/3 = 0.4166667
        // mean acc = (2/4 + 3/3)/2 = 0.75 (class 2 is 0/0); f.w. IU = (4*0.5 + 3*0.75)/7 = 4.25/7
        SegmentationMetrics m = ConfusionMatrix.FromCounts(new long[,] { { 2, 1, 1 }, { 0, 3, 0 }, { 0, 0, 0 } }).Metrics();
        Assert.Equal(1.25 / 3, m.MeanIU, 12);
        Assert.Equal(0.75, m.MeanAccuracy, 12);
        Assert.Equal(4.25 / 7, m.FrequencyWeightedIU, 12);
        Assert.Equal(0.0, m.ClassIU[2]);
    }

    [Fact]
    public void Counting_from_tensors_excludes_void_and_out_of_range_labels()
    {
        // truth: 0 0 1 1 255 2 7 ; predicted: 0 1 1 1 0 2 2  (255 and 7 are outside [0, 3): not counted)
        // n_00 = 1, n_01 = 1, n_11 = 2, n_22 = 1.
        var matrix = new ConfusionMatrix(3);
        using Tensor truth = tensor(new long[] { 0, 0, 1, 1, 255, 2, 7 });
        using Tensor predicted = tensor(new long[] { 0, 1, 1, 1, 0, 2, 2 });
        matrix.Add(truth, predicted);
        Assert.Equal(1, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(2, matrix[1, 1]);
        Assert.Equal(1, matrix[2, 2]);
        Assert.Equal(5, Enumerable.Range(0, 9).Sum(k => matrix[k / 3, k % 3]));
    }

    [Fact]
    public void Matches_the_fcn_score_formulas_computed_with_numpy()
    {
        // /usr/bin/python3, numpy, FCN's score.py formulas:
        //   a = [(j*j*7+3)%6 for j in range(200)], 5 -> 255; b = [(j*5+j//3)%5 for j in range(200)]; n = 5
        //   hist = bincount(n*a[k]+b[k], minlength=n*n) with k = (a>=0)&(a<n)
        //   -> hist = [[7,7,6,7,6],[14,13,13,13,13],[0,0,0,0,0],[7,7,7,6,7],[14,14,13,13,13]]
        //   acc 0.195, mean acc 0.19489783701811797, mean IU 0.09411524677070861, fw IU 0.12467542957624973
        //   IU = [0.10294117647058823, 0.13829787234042554, 0.0, 0.08955223880597014, 0.13978494623655913]
        long[] a = Enumerable.Range(0, 200).Select(j => (long)((j * j * 7 + 3) % 6)).Select(v => v == 5 ? 255L : v).ToArray();
        long[] b = Enumerable.Range(0, 200).Select(j => (long)((j * 5 + j / 3) % 5)).ToArray();
        var matrix = new ConfusionMatrix(5);
        using Tensor truth = tensor(a);
        using Tensor predicted = tensor(b);
        matrix.Add(truth, predicted);

        Assert.Equal(13, matrix[1, 2]);
        SegmentationMetrics m = matrix.Metrics();
        Assert.Equal(0.195, m.PixelAccuracy, 12);
        Assert.Equal(0.19489783701811797, m.MeanAccuracy, 12);
        Assert.Equal(0.09411524677070861, m.MeanIU, 12);
        Assert.Equal(0.12467542957624973, m.FrequencyWeightedIU, 12);
        double[] iu = { 0.10294117647058823, 0.13829787234042554, 0.0, 0.08955223880597014, 0.13978494623655913 };
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(iu[i], m.ClassIU[i], 12);
        }
    }
}
