using System;
using System.IO;
using SkiaSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Decoding;

/// <summary>Decodes photographs (JPEG, PNG, ...) with SkiaSharp into <c>[3, H, W]</c> float32 RGB 0..255 tensors.</summary>
public static class ImageDecoder
{
    /// <summary>Decodes the image at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode completely.</exception>
    public static Tensor Decode(string path)
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

    /// <summary>Converts interleaved RGBA bytes into a planar RGB float tensor.</summary>
    internal static Tensor FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        int plane = width * height;
        var rgb = new float[3 * plane];
        for (int p = 0; p < plane; p++)
        {
            rgb[p] = rgba[4 * p];
            rgb[plane + p] = rgba[4 * p + 1];
            rgb[2 * plane + p] = rgba[4 * p + 2];
        }

        return tensor(rgb, new long[] { 3, height, width });
    }
}
