using System;
using System.IO;
using Fcn.Imaging.Png;
using SkiaSharp;

namespace Fcn.Imaging;

/// <summary>Draws a class mask over its image in the VOC colours at half opacity, with SkiaSharp.</summary>
public static class MaskOverlayPng
{
    /// <summary>Opacity of the class colours.</summary>
    public const float Alpha = 0.5f;

    /// <summary>
    /// Writes a PNG of <paramref name="image"/> with every non-background pixel of <paramref name="mask"/>
    /// (same size) tinted by its class colour at alpha 0.5.
    /// </summary>
    public static void Write(string path, RgbImage image, IndexedImage mask)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mask);
        if (image.Width != mask.Width || image.Height != mask.Height)
            throw new ArgumentException($"The mask is {mask.Width}x{mask.Height}, the image {image.Width}x{image.Height}.", nameof(mask));
        int height = mask.Height, width = mask.Width;
        byte[] photo = RgbImagePng.ToRgba(image);
        byte[] tint = new byte[width * height * 4];
        for (int p = 0; p < mask.Pixels.Length; p++)
        {
            // Background stays as it is; every other class (void included) gets its colour.
            if (mask.Pixels[p] == 0)
            {
                continue;
            }

            (byte r, byte g, byte b) = VocPalette.Colour(mask.Pixels[p]);
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
}
