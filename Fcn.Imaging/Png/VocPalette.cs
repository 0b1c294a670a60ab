namespace Fcn.Imaging.Png;

/// <summary>
/// The PASCAL VOC colour map: class i's colour spreads the bits of i over the high bits of R, G and B
/// (the devkit's <c>labelcolormap</c>), so 0 is black, 1 is (128, 0, 0), 255 (void) is (224, 224, 192).
/// </summary>
public static class VocPalette
{
    /// <summary>256 RGB triples, entry i at bytes 3i..3i+2.</summary>
    public static byte[] Rgb { get; } = Build();

    /// <summary>The colour of class <paramref name="index"/>.</summary>
    public static (byte R, byte G, byte B) Colour(int index) =>
        (Rgb[3 * index], Rgb[3 * index + 1], Rgb[3 * index + 2]);

    private static byte[] Build()
    {
        var rgb = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            int c = i, r = 0, g = 0, b = 0;
            for (int j = 0; j < 8; j++)
            {
                r |= (c & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }

            rgb[3 * i] = (byte)r;
            rgb[3 * i + 1] = (byte)g;
            rgb[3 * i + 2] = (byte)b;
        }

        return rgb;
    }
}
