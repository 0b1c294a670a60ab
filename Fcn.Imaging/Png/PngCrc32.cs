namespace Fcn.Imaging.Png;

/// <summary>The CRC-32 (ISO 3309, polynomial 0xEDB88320) that every PNG chunk ends with.</summary>
internal static class PngCrc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC of the chunk type followed by its data.</summary>
    public static uint Compute(byte[] type, byte[] data)
    {
        uint crc = 0xFFFFFFFFu;
        crc = Update(crc, type);
        crc = Update(crc, data);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint Update(uint crc, byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
