using Fcn.Imaging;
using static TorchSharp.torch;

namespace Fcn.Runtime.Prediction;

/// <summary>Draws a class mask over its image in the VOC colours at half opacity (Fcn.Imaging's <see cref="MaskOverlayPng"/>, for tensors).</summary>
public static class MaskOverlay
{
    /// <summary>Opacity of the class colours.</summary>
    public const float Alpha = MaskOverlayPng.Alpha;

    /// <summary>
    /// Writes a PNG of <paramref name="image"/> (<c>[3, H, W]</c> RGB 0..255) with every non-background
    /// pixel of <paramref name="mask"/> (<c>[H, W]</c>) tinted by its class colour at alpha 0.5.
    /// </summary>
    public static void Write(string path, Tensor image, Tensor mask) =>
        MaskOverlayPng.Write(path, PredictionWriter.ToRgbImage(image), PredictionWriter.ToIndexedImage(mask));
}
