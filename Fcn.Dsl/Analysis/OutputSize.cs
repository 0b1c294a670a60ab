namespace Fcn.Dsl.Analysis;

/// <summary>
/// PyTorch's output-size formulas for one spatial axis (ATen's <c>conv_output_size</c>,
/// <c>pooling_output_shape</c> and the transposed convolution's), so a shape predicted here is the
/// shape TorchSharp produces. A result below 1 means PyTorch would refuse the input.
/// </summary>
internal static class OutputSize
{
    /// <summary><c>floor((n + 2p - d(k-1) - 1) / s) + 1</c>.</summary>
    public static long Convolution(long input, int kernel, int stride, int pad, int dilation) =>
        FloorDivide(input + 2L * pad - (long)dilation * (kernel - 1) - 1, stride) + 1;

    /// <summary>
    /// As a convolution, but rounded up in ceil mode, with PyTorch's correction that the last window
    /// must start inside the input or its left padding (otherwise it would pool padding only).
    /// </summary>
    public static long Pooling(long input, int kernel, int stride, int pad, bool ceilMode)
    {
        long numerator = input + 2L * pad - (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long output = FloorDivide(numerator, stride) + 1;
        if (ceilMode && (output - 1) * stride >= input + pad) output--;
        return output;
    }

    /// <summary><c>(n - 1)s - 2p + k</c> (no output padding, no dilation).</summary>
    public static long Transposed(long input, int kernel, int stride, int pad) =>
        (input - 1) * stride - 2L * pad + kernel;

    /// <summary>PyTorch refuses a pooling pad above half the kernel.</summary>
    public static bool IsPoolingPadValid(int kernel, int pad) => pad <= kernel / 2;

    /// <summary>Division rounding toward negative infinity (ATen's <c>div_rtn</c>), unlike C#'s toward zero.</summary>
    private static long FloorDivide(long numerator, long denominator)
    {
        long quotient = numerator / denominator;
        return numerator % denominator != 0 && (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient;
    }
}
