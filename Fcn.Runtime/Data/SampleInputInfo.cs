using Fcn.Runtime.Data.Transforms;

namespace Fcn.Runtime.Data;

/// <summary>One input every sample of a dataset has.</summary>
/// <param name="Name">The input's name (<c>image</c> for a plain image/mask dataset; <c>color</c>, <c>depth</c>, <c>hha</c> for NYUD's layout).</param>
/// <param name="Channels">Its channel count.</param>
/// <param name="Encoding">Whether the loader still normalizes it.</param>
/// <param name="Normalization">For an <see cref="InputEncoding.Image"/> input with a convention of its own (NYUD's HHA
/// has its own mean), that convention; null = the model's.</param>
public sealed record SampleInputInfo(string Name, int Channels, InputEncoding Encoding = InputEncoding.Image, ImageNormalization? Normalization = null)
{
    /// <summary>The single RGB input of a plain image/mask dataset.</summary>
    public static SampleInputInfo RgbImage { get; } = new(SegmentationSample.ImageName, 3);
}
