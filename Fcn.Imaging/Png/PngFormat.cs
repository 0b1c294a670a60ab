using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Fcn.Imaging.Png;

/// <summary>
/// What every PNG reader and writer here shares (PNG specification, 2nd edition, W3C): the signature, the chunk
/// layout (length, type, data, CRC) and the five row filters.
/// </summary>
internal static class PngFormat
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Writes one chunk: big-endian length, type, data, CRC-32 of type and data.</summary>
    public static void WriteChunk(Stream stream, string type, byte[] data)
    {
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(typeBytes);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngCrc32.Compute(typeBytes, data));
        stream.Write(word);
    }

    /// <summary>
    /// Undoes one row's filter in place. <paramref name="bytesPerPixel"/> is how far back the "left" byte is (1 for
    /// indexed images of 8 bits or fewer, 2 for 16-bit grey).
    /// </summary>
    public static void Unfilter(byte filter, byte[] row, byte[] above, int bytesPerPixel)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
            int up = above[i];
            int upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"Unknown PNG filter type {filter}."),
            };
            row[i] = (byte)(row[i] + predictor);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
