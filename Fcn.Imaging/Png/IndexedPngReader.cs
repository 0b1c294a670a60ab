using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Fcn.Imaging.Png;

/// <summary>
/// Reads a label PNG as raw indices: palette indices for colour type 3 and grey values for colour type 0.
/// </summary>
/// <remarks>
/// Hand-written because image libraries (SkiaSharp included) expand a palette PNG to its colours, and a
/// segmentation mask's meaning is the index, not the colour: PASCAL VOC stores class c as palette entry c
/// and void as 255. Turning colours back into indices would depend on the palette being unique. Only the
/// subset label masks use is supported: non-interlaced, bit depth 1/2/4/8 (palette) or 8 (grey).
/// </remarks>
public static class IndexedPngReader
{

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not a PNG, or a PNG this reader does not support.</exception>
    public static IndexedImage Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads a PNG from <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">Not a PNG, or a PNG this reader does not support.</exception>
    public static IndexedImage Read(Stream stream)
    {
        var reader = new BinaryReader(stream);
        byte[] signature = reader.ReadBytes(8);
        if (!signature.AsSpan().SequenceEqual(PngFormat.Signature))
        {
            throw new InvalidDataException("Not a PNG file (bad signature).");
        }

        int width = 0, height = 0, bitDepth = 0, colourType = -1;
        using var compressed = new MemoryStream();
        while (true)
        {
            byte[] lengthBytes = reader.ReadBytes(4);
            if (lengthBytes.Length < 4)
            {
                throw new InvalidDataException("PNG truncated before IEND.");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            string type = Encoding.ASCII.GetString(reader.ReadBytes(4));
            byte[] data = reader.ReadBytes(length);
            reader.ReadBytes(4); // CRC: zlib's own checksum already guards the pixel data.
            if (data.Length < length)
            {
                throw new InvalidDataException($"PNG chunk {type} truncated.");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(0, 4));
                    height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4, 4));
                    bitDepth = data[8];
                    colourType = data[9];
                    if (data[12] != 0)
                    {
                        throw new InvalidDataException("Interlaced PNG masks are not supported.");
                    }

                    bool supported = (colourType == 3 && bitDepth is 1 or 2 or 4 or 8) || (colourType == 0 && bitDepth == 8);
                    if (!supported)
                    {
                        throw new InvalidDataException(
                            $"PNG colour type {colourType} with bit depth {bitDepth} is not a label mask (expected palette or 8-bit grey).");
                    }

                    break;
                case "IDAT":
                    compressed.Write(data, 0, data.Length);
                    break;
                case "IEND":
                    if (colourType < 0)
                    {
                        throw new InvalidDataException("PNG has no IHDR chunk.");
                    }

                    compressed.Position = 0;
                    return Decode(compressed, width, height, bitDepth);
            }
        }
    }

    private static IndexedImage Decode(Stream compressed, int width, int height, int bitDepth)
    {
        int stride = (width * bitDepth + 7) / 8;
        var raw = new byte[height * (stride + 1)];
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.ReadExactly(raw);
        }

        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            int rowStart = y * (stride + 1);
            Array.Copy(raw, rowStart + 1, current, 0, stride);
            PngFormat.Unfilter(raw[rowStart], current, previous, bytesPerPixel: 1);
            Unpack(current, bitDepth, pixels.AsSpan(y * width, width));
            (previous, current) = (current, previous);
        }

        return new IndexedImage(width, height, pixels);
    }

    private static void Unpack(byte[] row, int bitDepth, Span<byte> pixels)
    {
        if (bitDepth == 8)
        {
            row.AsSpan(0, pixels.Length).CopyTo(pixels);
            return;
        }

        int perByte = 8 / bitDepth, mask = (1 << bitDepth) - 1;
        for (int x = 0; x < pixels.Length; x++)
        {
            int shift = 8 - bitDepth * (x % perByte + 1);
            pixels[x] = (byte)((row[x / perByte] >> shift) & mask);
        }
    }
}
