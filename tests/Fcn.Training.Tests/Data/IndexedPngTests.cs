using System;
using System.IO;
using System.Linq;
using Fcn.Imaging.Png;
using Xunit;

namespace Fcn.Training.Tests.Data;

public sealed class IndexedPngTests
{
    [Fact]
    public void Written_masks_read_back_exactly()
    {
        // Every index 0..255 appears, including void, over an odd width.
        byte[] pixels = Enumerable.Range(0, 37 * 9).Select(i => (byte)(i * 7 % 256)).ToArray();
        var image = new IndexedImage(37, 9, pixels);
        using var stream = new MemoryStream();
        IndexedPngWriter.Write(stream, image);
        stream.Position = 0;
        IndexedImage back = IndexedPngReader.Read(stream);
        Assert.Equal(37, back.Width);
        Assert.Equal(9, back.Height);
        Assert.Equal(pixels, back.Pixels);
    }

    // The three PNGs below were written by Pillow 9.4 (/usr/bin/python3), an independent encoder:
    //   im = Image.new('P', (5, 3)); im.putpalette([0,0,0, 128,0,0, 0,128,0] + ...)
    //   im.putdata([0,1,2,1,0, 2,2,255,1,0, 0,0,1,1,2]); im.save(b, 'PNG')            -> 8-bit palette
    //   same data with 3 for 255, im.save(b, 'PNG', bits=2)                            -> 2-bit palette
    //   g = Image.new('L', (4, 2)); g.putdata([0,1,2,255,3,3,0,7]); g.save(b, 'PNG')  -> 8-bit grey
    private const string Pillow8BitPalette =
        "iVBORw0KGgoAAAANSUhEUgAAAAUAAAADCAMAAABs6DXKAAADAFBMVEUAAACAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAC44hxaAAAAGElEQVR4nGNgYGRiZGBgYvoPJBkYGBmZAAl+AQ2siWWjAAAAAElFTkSuQmCC";

    private const string Pillow2BitPalette =
        "iVBORw0KGgoAAAANSUhEUgAAAAUAAAADAgMAAAAmWC1rAAAADFBMVEUAAACAAAAAgAAJCQlFlb8pAAAAEUlEQVR4nGOQZGBYy8DA2gAABLwBTBTVAtIAAAAASUVORK5CYII=";

    private const string Pillow8BitGrey =
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAAAAABawyK/AAAAEklEQVR4nGNgYGT6z8DMzMAOAAY2ARBb7fCsAAAAAElFTkSuQmCC";

    [Fact]
    public void Reads_palette_indices_not_colours_from_an_independent_encoder()
    {
        IndexedImage image = Decode(Pillow8BitPalette);
        Assert.Equal(new byte[] { 0, 1, 2, 1, 0, 2, 2, 255, 1, 0, 0, 0, 1, 1, 2 }, image.Pixels);
    }

    [Fact]
    public void Reads_sub_byte_palette_depths()
    {
        IndexedImage image = Decode(Pillow2BitPalette);
        Assert.Equal(new byte[] { 0, 1, 2, 1, 0, 2, 2, 3, 1, 0, 0, 0, 1, 1, 2 }, image.Pixels);
    }

    [Fact]
    public void Reads_grey_values_as_indices()
    {
        IndexedImage image = Decode(Pillow8BitGrey);
        Assert.Equal(new byte[] { 0, 1, 2, 255, 3, 3, 0, 7 }, image.Pixels);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_a_png()
    {
        using var stream = new MemoryStream(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5 });
        Assert.Throws<InvalidDataException>(() => IndexedPngReader.Read(stream));
    }

    [Fact]
    public void Voc_palette_has_the_devkit_colours()
    {
        // VOC devkit labelcolormap: 1 = (128,0,0), 2 = (0,128,0), 15 (person) = (192,128,128), 255 = (224,224,192).
        Assert.Equal(((byte)128, (byte)0, (byte)0), VocPalette.Colour(1));
        Assert.Equal(((byte)0, (byte)128, (byte)0), VocPalette.Colour(2));
        Assert.Equal(((byte)192, (byte)128, (byte)128), VocPalette.Colour(15));
        Assert.Equal(((byte)224, (byte)224, (byte)192), VocPalette.Colour(255));
    }

    private static IndexedImage Decode(string base64)
    {
        using var stream = new MemoryStream(Convert.FromBase64String(base64));
        return IndexedPngReader.Read(stream);
    }
}
