using System;
using System.IO;
using Fcn.Imaging.Png;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Decoding;

/// <summary>Loads one image file and one label-mask file into a checked <see cref="SegmentationSample"/>.</summary>
internal static class SampleFiles
{
    /// <summary>Loads and checks a pair; every failure names the sample and the file.</summary>
    public static SegmentationSample Load(string name, string imagePath, string maskPath)
    {
        if (!File.Exists(imagePath))
        {
            throw new SampleLoadException(name, imagePath, "image file is missing");
        }

        if (!File.Exists(maskPath))
        {
            throw new SampleLoadException(name, maskPath, "mask file is missing");
        }

        IndexedImage mask;
        try
        {
            mask = IndexedPngReader.Read(maskPath);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new SampleLoadException(name, maskPath, "mask is not a readable label PNG: " + e.Message, e);
        }

        Tensor image;
        try
        {
            image = ImageDecoder.Decode(imagePath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new SampleLoadException(name, imagePath, "image is corrupt: " + e.Message, e);
        }

        if (image.shape[1] != mask.Height || image.shape[2] != mask.Width)
        {
            string reason = $"mask is {mask.Width}x{mask.Height} but image is {image.shape[2]}x{image.shape[1]}";
            image.Dispose();
            throw new SampleLoadException(name, maskPath, reason);
        }

        var labels = new long[mask.Pixels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = mask.Pixels[i];
        }

        return new SegmentationSample(name, image, tensor(labels, new long[] { mask.Height, mask.Width }));
    }
}
