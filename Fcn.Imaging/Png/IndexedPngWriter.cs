using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Fcn.Imaging.Png;

/// <summary>
/// Writes class-index masks as 8-bit palette PNGs (colour type 3) with the VOC palette, the format of
/// PASCAL VOC's SegmentationClass masks: viewers show colours, <see cref="IndexedPngReader"/> gets the
/// indices back exactly.
/// </summary>
public static class IndexedPngWriter
{

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> with <paramref name="paletteRgb"/> (default VOC).</summary>
    public static void Write(string path, IndexedImage image, byte[]? paletteRgb = null)
    {
        using FileStream stream = File.Create(path);
        Write(stream, image, paletteRgb);
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IndexedImage image, byte[]? paletteRgb = null)
    {
        if (image.Pixels.Length != image.Width * image.Height)
        {
            throw new ArgumentException("Pixel count does not match width * height.", nameof(image));
        }

        byte[] palette = paletteRgb ?? VocPalette.Rgb;
        stream.Write(PngFormat.Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0, 4), image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4, 4), image.Height);
        header[8] = 8;  // bit depth
        header[9] = 3;  // colour type: palette
        // compression, filter method and interlace stay 0.
        PngFormat.WriteChunk(stream, "IHDR", header);
        PngFormat.WriteChunk(stream, "PLTE", palette);
        PngFormat.WriteChunk(stream, "IDAT", Compress(image));
        PngFormat.WriteChunk(stream, "IEND", Array.Empty<byte>());
    }

    private static byte[] Compress(IndexedImage image)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < image.Height; y++)
            {
                zlib.WriteByte(0); // filter "none": masks are mostly runs, which deflate handles well.
                zlib.Write(image.Pixels, y * image.Width, image.Width);
            }
        }

        return output.ToArray();
    }
}
