using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using static TorchSharp.torch;

namespace Fcn.Runtime.Prediction;

/// <summary>Writes one prediction as <c>{name}.png</c> (VOC palette mask) and <c>{name}_overlay.png</c> (Fcn.Imaging's <see cref="PredictionPngs"/>, for tensors).</summary>
public static class PredictionWriter
{
    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public static (string MaskPath, string OverlayPath) Write(string directory, string name, Tensor image, Tensor mask) =>
        PredictionPngs.Write(directory, name, ToRgbImage(image), ToIndexedImage(mask));

    /// <summary>
    /// Writes one mask and overlay per head: <c>{name}.{head}.png</c> and <c>{name}.{head}_overlay.png</c> (SIFT Flow:
    /// <c>NAME.sem.png</c>, <c>NAME.geo.png</c>) for a multi-head model, the single-head names of <see cref="Write"/> for
    /// one head. The overlays are drawn over <paramref name="image"/> (<c>[3, H, W]</c> RGB 0..255, the colour input).
    /// </summary>
    public static IReadOnlyList<(string MaskPath, string OverlayPath)> WriteHeads(
        string directory, string name, Tensor image, IReadOnlyList<(string Head, Tensor Mask)> heads) =>
        heads.Count == 1
            ? new[] { Write(directory, name, image, heads[0].Mask) }
            : heads.Select(head => Write(directory, name + "." + head.Head, image, head.Mask)).ToArray();

    /// <summary>Converts a <c>[H, W]</c> class-index tensor (values 0..255) to an <see cref="IndexedImage"/>.</summary>
    public static IndexedImage ToIndexedImage(Tensor mask)
    {
        if (mask.dim() != 2)
        {
            throw new ArgumentException($"A mask is [H, W]; got [{string.Join(", ", mask.shape)}].", nameof(mask));
        }

        long[] labels = mask.to(ScalarType.Int64).cpu().contiguous().data<long>().ToArray();
        var pixels = new byte[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(labels[i], 0, 255);
        }

        return new IndexedImage((int)mask.shape[1], (int)mask.shape[0], pixels);
    }

    /// <summary>Converts a <c>[3, H, W]</c> RGB 0..255 tensor to an <see cref="RgbImage"/>.</summary>
    public static RgbImage ToRgbImage(Tensor image)
    {
        if (image.dim() != 3 || image.shape[0] != 3)
        {
            throw new ArgumentException($"An image is [3, H, W]; got [{string.Join(", ", image.shape)}].", nameof(image));
        }

        float[] planes = image.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        return new RgbImage((int)image.shape[2], (int)image.shape[1], planes);
    }
}
