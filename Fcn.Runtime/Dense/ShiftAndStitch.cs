using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Dense;

/// <summary>
/// Shift-and-stitch (paper, section 3.2): dense predictions from a net with output stride f, by running
/// it on f*f shifted copies of the input and interlacing the coarse outputs.
/// </summary>
/// <remarks>
/// Shift (dx, dy) drops the first dx columns and dy rows of the input (the image moves left and up by
/// that much), so no padding is invented; the coarse output pixel (i, j) of that run lands at dense
/// pixel (f*i + dy, f*j + dx). For a net whose convolutions and pools use no padding this equals,
/// everywhere and exactly, the "rarefied" net: the strided layer with stride 1 and every later filter
/// dilated by f (the paper's f'_ij = f_{i/s, j/s} when s divides i and j, else 0). With padded layers
/// the two agree only away from the borders, where the shifted copies see different zeros.
/// </remarks>
public static class ShiftAndStitch
{
    /// <summary>
    /// Runs <paramref name="network"/> on the <paramref name="factor"/>^2 shifted inputs and interlaces
    /// the outputs. The result is as tall (wide) as the longest dense prefix that every shift covers.
    /// </summary>
    public static Tensor Dense(nn.Module<Tensor, Tensor> network, Tensor input, int factor)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The stride factor is a positive integer.");
        if (input.dim() != 4) throw new ArgumentException($"Expected an input [N, C, H, W]; got {input.dim()} dimensions.", nameof(input));
        if (input.shape[2] <= factor || input.shape[3] <= factor)
            throw new ArgumentException($"The input ({input.shape[2]}x{input.shape[3]}) must be larger than the factor {factor}.", nameof(input));

        using var scope = NewDisposeScope();
        var outputs = new Tensor[factor, factor];
        for (int dy = 0; dy < factor; dy++)
            for (int dx = 0; dx < factor; dx++)
            {
                Tensor shifted = input.narrow(2, dy, input.shape[2] - dy).narrow(3, dx, input.shape[3] - dx);
                outputs[dy, dx] = network.forward(shifted);
            }

        // Dense pixel n = f*i + d is covered by shift d when i is below that shift's coarse size.
        long height = Enumerable.Range(0, factor).Min(dy => factor * outputs[dy, 0].shape[2] + dy);
        long width = Enumerable.Range(0, factor).Min(dx => factor * outputs[0, dx].shape[3] + dx);
        Tensor reference = outputs[0, 0];
        Tensor dense = zeros(new[] { reference.shape[0], reference.shape[1], height, width }, reference.dtype, reference.device);
        for (int dy = 0; dy < factor; dy++)
            for (int dx = 0; dx < factor; dx++)
            {
                long rows = Covered(height, dy, factor);
                long columns = Covered(width, dx, factor);
                Tensor coarse = outputs[dy, dx].narrow(2, 0, rows).narrow(3, 0, columns);
                dense.index_put_(coarse,
                    TensorIndex.Colon, TensorIndex.Colon,
                    TensorIndex.Slice(dy, null, factor), TensorIndex.Slice(dx, null, factor));
            }
        return dense.MoveToOuterDisposeScope();
    }

    /// <summary>How many of the dense positions 0..length-1 are congruent to <paramref name="shift"/> modulo the factor.</summary>
    private static long Covered(long length, int shift, int factor) => (length - shift + factor - 1) / factor;
}
