using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>FCN's crop layer: aligns a larger score map with a smaller one before fusing (or with the input at the end).</summary>
public static class Crop
{
    /// <summary>
    /// The view <c>x[:, :, o:o+H, o:o+W]</c>, with H and W the height and width of
    /// <paramref name="reference"/> and o the <paramref name="offset"/> that the spec's coordinate
    /// maps computed (19 for FCN-32s's final crop). No data is copied.
    /// </summary>
    /// <exception cref="ArgumentException">The window does not fit inside <paramref name="x"/>.</exception>
    public static Tensor Like(Tensor x, Tensor reference, long offset)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(reference);
        if (x.dim() != 4 || reference.dim() < 2)
            throw new ArgumentException($"Crop expects x as [N, C, H, W] and a reference with a height and width; got x of {x.dim()} dimensions.", nameof(x));

        long height = reference.shape[reference.dim() - 2];
        long width = reference.shape[reference.dim() - 1];
        long sourceHeight = x.shape[2];
        long sourceWidth = x.shape[3];
        if (offset < 0 || offset + height > sourceHeight || offset + width > sourceWidth)
            throw new ArgumentException(
                $"Cannot crop {height}x{width} at offset {offset} from a {sourceHeight}x{sourceWidth} map: " +
                $"the window would end at {offset + height}x{offset + width}. The input may be smaller than the network allows.",
                nameof(offset));

        return x.narrow(2, offset, height).narrow(3, offset, width);
    }
}
