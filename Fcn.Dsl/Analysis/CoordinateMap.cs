using System;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// Caffe's coord_map for one feature map: output pixel <c>x</c> sits over input pixel
/// <c>Stride * x + Offset</c>, and sees <see cref="ReceptiveField"/> input pixels (one side).
/// Layers compose by the <c>Then...</c> methods, each taking the map of the layer's input.
/// </summary>
/// <remarks>
/// Caffe's <c>coord_map.py</c> writes each layer as the map from its input to its output
/// (<c>y = a x + b</c>, conv: <c>a = 1/s, b = (p - (k-1)/2)/s</c>; deconv: <c>a = s, b = (k-1)/2 - p</c>);
/// these methods use the inverse, output to input, which keeps strides at 32 rather than 1/32 and
/// makes the crop offset a plain difference of offsets. Dilated kernels enter with their effective
/// extent <c>d(k-1)+1</c>, as in Caffe.
/// </remarks>
public readonly record struct CoordinateMap(Rational Stride, Rational Offset, long ReceptiveField)
{
    /// <summary>The input image: every pixel is itself.</summary>
    public static CoordinateMap Identity => new(Rational.One, Rational.Zero, 1);

    /// <summary>The map stored in a node's analysis.</summary>
    public static CoordinateMap Of(NodeAnalysis analysis) => new(analysis.Stride, analysis.Offset, analysis.ReceptiveField);

    /// <summary>
    /// After a sliding window (convolution or pooling): the window's centre, <c>d(k-1)/2 - p</c> pixels
    /// of this map into the window, becomes the new origin, and the window spans <c>d(k-1)</c> more of them.
    /// </summary>
    public CoordinateMap ThenWindow(int kernel, int stride, int pad, int dilation)
    {
        long extent = (long)dilation * (kernel - 1);
        return new CoordinateMap(
            Stride * stride,
            Offset + Stride * (new Rational(extent, 2) - pad),
            ReceptiveField + SpanOf(extent));
    }

    /// <summary>
    /// After a transposed convolution (upsampling by <paramref name="stride"/>): the inverse of the
    /// convolution's map, so output pixel <c>y</c> sits over <c>(y + p - (k-1)/2) / s</c> of this map.
    /// An output pixel receives at most <c>ceil(k/s)</c> input pixels, which widen the receptive field.
    /// </summary>
    public CoordinateMap ThenTransposed(int kernel, int stride, int pad)
    {
        long inputsPerOutput = (kernel + stride - 1) / stride;
        return new CoordinateMap(
            Stride / stride,
            Offset + Stride * (pad - new Rational(kernel - 1, 2)) / stride,
            ReceptiveField + SpanOf(inputsPerOutput - 1));
    }

    /// <summary>After keeping <c>x[offset:]</c> (a crop): output pixel 0 is pixel <paramref name="offset"/> of this map.</summary>
    public CoordinateMap ThenShift(int offset) => this with { Offset = Offset + Stride * offset };

    /// <summary>
    /// After a whole sub-network whose own map (relative to its input) is <paramref name="local"/>:
    /// its strides multiply and its offsets and receptive field are measured in this map's pixels.
    /// </summary>
    public CoordinateMap Then(CoordinateMap local) => new(
        Stride * local.Stride,
        Offset + Stride * local.Offset,
        ReceptiveField + SpanOf(local.ReceptiveField - 1));

    /// <summary>The map before a sub-network: the inverse of <see cref="Then"/>, so <c>m.Then(l).Before(l) == m</c>.</summary>
    public CoordinateMap Before(CoordinateMap local)
    {
        Rational stride = Stride / local.Stride;
        return new CoordinateMap(stride, Offset - stride * local.Offset, ReceptiveField - SpanOf(stride, local.ReceptiveField - 1));
    }

    /// <summary>Input pixels spanned by <paramref name="pixels"/> steps of this map (rounded up below stride 1).</summary>
    private long SpanOf(long pixels) => SpanOf(Stride, pixels);

    private static long SpanOf(Rational stride, long pixels)
    {
        Rational span = stride * pixels;
        return (span.Numerator + span.Denominator - 1) / span.Denominator;
    }
}
