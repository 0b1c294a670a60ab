using System;
using System.IO;
using SkiaSharp;

namespace Fcn.Imaging;

/// <summary>Decodes photographs (JPEG, PNG, BMP, WebP...) with SkiaSharp into planar RGB.</summary>
public static class RgbImageDecoder
{
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode completely.</exception>
    public static RgbImage Decode(string path)
    {
        using SKCodec? codec = SKCodec.Create(path);
        if (codec is null)
        {
            throw new InvalidDataException("Not a decodable image.");
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            // Truncated files decode "successfully" with grey rows at the bottom; treat them as corrupt.
            throw new InvalidDataException($"Image decoding failed: {result}.");
        }

        return FromRgba(bitmap.GetPixelSpan(), info.Width, info.Height);
    }

    /// <summary>Converts interleaved RGBA bytes into planar RGB (alpha dropped).</summary>
    public static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        int plane = width * height;
        var rgb = new float[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            rgb[p] = rgba[4 * p];
            rgb[plane + p] = rgba[4 * p + 1];
            rgb[2 * plane + p] = rgba[4 * p + 2];
        }

        return new RgbImage(width, height, rgb);
    }
}
