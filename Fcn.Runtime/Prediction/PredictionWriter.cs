using System;
using System.IO;
using Fcn.Runtime.Data.Png;
using static TorchSharp.torch;

namespace Fcn.Runtime.Prediction;

/// <summary>Writes one prediction as <c>{name}.png</c> (VOC palette mask) and <c>{name}_overlay.png</c>.</summary>
public static class PredictionWriter
{
    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public static (string MaskPath, string OverlayPath) Write(string directory, string name, Tensor image, Tensor mask)
    {
        Directory.CreateDirectory(directory);
        string maskPath = Path.Combine(directory, name + ".png");
        string overlayPath = Path.Combine(directory, name + "_overlay.png");
        IndexedPngWriter.Write(maskPath, ToIndexedImage(mask));
        MaskOverlay.Write(overlayPath, image, mask);
        return (maskPath, overlayPath);
    }

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
}
