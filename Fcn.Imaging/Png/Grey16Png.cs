using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Fcn.Imaging.Png;

/// <summary>
/// Reads and writes 16-bit greyscale PNGs (colour type 0, bit depth 16), the format depth maps are stored in
/// (NYUDv2's depth in millimetres): image libraries decode them to 8 bits and lose the depth, so this is
/// written by hand, as <see cref="IndexedPngReader"/> is for label masks. Reading also takes 8-bit grey.
/// Only non-interlaced files are supported.
/// </summary>
public static class Grey16Png
{

    /// <summary>Reads the file at <paramref name="path"/>: width, height and one value per pixel, row-major.</summary>
    /// <exception cref="InvalidDataException">Not a PNG, or not a non-interlaced 8- or 16-bit greyscale PNG.</exception>
    public static (int Width, int Height, ushort[] Values) Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        var reader = new BinaryReader(stream);
        if (!reader.ReadBytes(8).AsSpan().SequenceEqual(PngFormat.Signature)) throw new InvalidDataException("Not a PNG file (bad signature).");

        int width = 0, height = 0, bitDepth = 0;
        bool header = false;
        using var compressed = new MemoryStream();
        while (true)
        {
            byte[] lengthBytes = reader.ReadBytes(4);
            if (lengthBytes.Length < 4) throw new InvalidDataException("PNG truncated before IEND.");
            int length = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            string type = Encoding.ASCII.GetString(reader.ReadBytes(4));
            byte[] data = reader.ReadBytes(length);
            reader.ReadBytes(4); // CRC: zlib's own checksum already guards the pixel data.
            if (data.Length < length) throw new InvalidDataException($"PNG chunk {type} truncated.");
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(0, 4));
                    height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4, 4));
                    bitDepth = data[8];
                    if (data[9] != 0 || bitDepth is not (8 or 16))
                        throw new InvalidDataException($"PNG colour type {data[9]} with bit depth {bitDepth} is not a depth map (expected 16-bit or 8-bit greyscale).");
                    if (data[12] != 0) throw new InvalidDataException("Interlaced depth PNGs are not supported.");
                    header = true;
                    break;
                case "IDAT":
                    compressed.Write(data, 0, data.Length);
                    break;
                case "IEND":
                    if (!header) throw new InvalidDataException("PNG has no IHDR chunk.");
                    compressed.Position = 0;
                    return (width, height, Decode(compressed, width, height, bitDepth / 8));
            }
        }
    }

    /// <summary>Writes <paramref name="values"/> (row-major, one per pixel) as a 16-bit greyscale PNG.</summary>
    public static void Write(string path, int width, int height, ushort[] values)
    {
        if (values.Length != width * height) throw new ArgumentException("Value count does not match width * height.", nameof(values));
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + 2 * width]; // filter byte "none", then big-endian samples
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++) BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(1 + 2 * x, 2), values[y * width + x]);
                zlib.Write(row);
            }
        }

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0, 4), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4, 4), height);
        ihdr[8] = 16; // bit depth; colour type 0 (grey), compression, filter and interlace 0
        using FileStream stream = File.Create(path);
        stream.Write(PngFormat.Signature);
        PngFormat.WriteChunk(stream, "IHDR", ihdr);
        PngFormat.WriteChunk(stream, "IDAT", output.ToArray());
        PngFormat.WriteChunk(stream, "IEND", Array.Empty<byte>());
    }

    private static ushort[] Decode(Stream compressed, int width, int height, int bytesPerPixel)
    {
        int stride = width * bytesPerPixel;
        var raw = new byte[height * (stride + 1)];
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.ReadExactly(raw);

        var previous = new byte[stride];
        var current = new byte[stride];
        var values = new ushort[width * height];
        for (int y = 0; y < height; y++)
        {
            int start = y * (stride + 1);
            Array.Copy(raw, start + 1, current, 0, stride);
            PngFormat.Unfilter(raw[start], current, previous, bytesPerPixel);
            for (int x = 0; x < width; x++)
                values[y * width + x] = bytesPerPixel == 2 ? BinaryPrimitives.ReadUInt16BigEndian(current.AsSpan(2 * x, 2)) : current[x];
            (previous, current) = (current, previous);
        }

        return values;
    }

    /// <summary>Undoes one row's PNG filter; "left" is one pixel (<paramref name="bytesPerPixel"/> bytes) back.</summary>
}
