using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>Resizing score maps to another map's size (torchvision's FCN upsamples its stride-8 scores this way).</summary>
public static class Resize
{
    /// <summary>
    /// Bilinear interpolation of <paramref name="x"/> to the height and width of <paramref name="reference"/>,
    /// with align_corners = false as torchvision's segmentation models use.
    /// </summary>
    public static Tensor BilinearLike(Tensor x, Tensor reference)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(reference);
        if (x.dim() != 4 || reference.dim() < 2)
            throw new ArgumentException($"Resize expects x as [N, C, H, W] and a reference with a height and width; got x of {x.dim()} dimensions.", nameof(x));
        long height = reference.shape[reference.dim() - 2];
        long width = reference.shape[reference.dim() - 1];
        return nn.functional.interpolate(x, size: new[] { height, width }, mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
