using System;
using System.IO;
using SkiaSharp;

namespace Fcn.Imaging;

/// <summary>An <see cref="RgbImage"/> (0..255 planes) as an 8-bit RGBA buffer and as an RGB PNG file.</summary>
public static class RgbImagePng
{
    /// <summary>Writes <paramref name="image"/> as a PNG, each value rounded to the nearest integer in 0..255.</summary>
    public static void Write(string path, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        ToRgba(image).CopyTo(bitmap.GetPixelSpan());
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>Interleaved RGBA bytes, opaque, each plane value rounded to the nearest integer in 0..255.</summary>
    public static byte[] ToRgba(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        float[] rgb = image.Planes;
        int plane = image.Width * image.Height;
        var rgba = new byte[plane * 4];
        for (int p = 0; p < plane; p++)
        {
            rgba[4 * p] = (byte)Math.Clamp(MathF.Round(rgb[p]), 0, 255);
            rgba[4 * p + 1] = (byte)Math.Clamp(MathF.Round(rgb[plane + p]), 0, 255);
            rgba[4 * p + 2] = (byte)Math.Clamp(MathF.Round(rgb[2 * plane + p]), 0, 255);
            rgba[4 * p + 3] = 255;
        }

        return rgba;
    }
}
