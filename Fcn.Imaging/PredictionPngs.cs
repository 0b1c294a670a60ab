using System.IO;
using Fcn.Imaging.Png;

namespace Fcn.Imaging;

/// <summary>Writes one prediction as <c>{name}.png</c> (VOC palette mask) and <c>{name}_overlay.png</c>.</summary>
public static class PredictionPngs
{
    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public static (string MaskPath, string OverlayPath) Write(string directory, string name, RgbImage image, IndexedImage mask)
    {
        Directory.CreateDirectory(directory);
        string maskPath = Path.Combine(directory, name + ".png");
        string overlayPath = Path.Combine(directory, name + "_overlay.png");
        IndexedPngWriter.Write(maskPath, mask);
        MaskOverlayPng.Write(overlayPath, image, mask);
        return (maskPath, overlayPath);
    }
}
