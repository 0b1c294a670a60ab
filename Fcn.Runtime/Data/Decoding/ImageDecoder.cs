using System.IO;
using Fcn.Imaging;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Decoding;

/// <summary>Decodes photographs (JPEG, PNG, ...) into <c>[3, H, W]</c> float32 RGB 0..255 tensors (Fcn.Imaging's <see cref="RgbImageDecoder"/>).</summary>
public static class ImageDecoder
{
    /// <summary>Decodes the image at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode completely.</exception>
    public static Tensor Decode(string path) => ToTensor(RgbImageDecoder.Decode(path));

    private static Tensor ToTensor(RgbImage image) => tensor(image.Planes, new long[] { 3, image.Height, image.Width });
}
