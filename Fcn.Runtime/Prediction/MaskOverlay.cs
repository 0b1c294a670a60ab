using System;
using System.IO;
using Fcn.Runtime.Data.Png;
using SkiaSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Prediction;

/// <summary>Draws a class mask over its image in the VOC colours at half opacity, with SkiaSharp.</summary>
public static class MaskOverlay
{
    /// <summary>Opacity of the class colours.</summary>
    public const float Alpha = 0.5f;

    /// <summary>
    /// Writes a PNG of <paramref name="image"/> (<c>[3, H, W]</c> RGB 0..255) with every non-background
    /// pixel of <paramref name="mask"/> (<c>[H, W]</c>) tinted by its class colour at alpha 0.5.
    /// </summary>
    public static void Write(string path, Tensor image, Tensor mask)
    {
        int height = (int)mask.shape[0], width = (int)mask.shape[1];
        byte[] photo = ToRgba(image, width, height);
        byte[] tint = new byte[width * height * 4];
        long[] labels = mask.to(ScalarType.Int64).cpu().contiguous().data<long>().ToArray();
        for (int p = 0; p < labels.Length; p++)
        {
            // Background stays as it is; every other class (void included) gets its colour.
            if (labels[p] == 0)
            {
                continue;
            }

            (byte r, byte g, byte b) = VocPalette.Colour((int)Math.Clamp(labels[p], 0, 255));
            tint[4 * p] = r;
            tint[4 * p + 1] = g;
            tint[4 * p + 2] = b;
            tint[4 * p + 3] = 255;
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using SKBitmap background = Bitmap(info, photo);
        using SKBitmap colours = Bitmap(info, tint);
        using var surface = SKSurface.Create(info);
        surface.Canvas.DrawBitmap(background, 0, 0);
        using var paint = new SKPaint { Color = SKColors.White.WithAlpha((byte)(Alpha * 255)) };
        surface.Canvas.DrawBitmap(colours, 0, 0, paint);
        using SKImage snapshot = surface.Snapshot();
        using SKData png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    private static SKBitmap Bitmap(SKImageInfo info, byte[] rgba)
    {
        var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }

    private static byte[] ToRgba(Tensor image, int width, int height)
    {
        float[] rgb = image.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        int plane = width * height;
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
