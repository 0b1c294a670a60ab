namespace Fcn.Runtime.Data.Synthetic;

/// <summary>How <see cref="SyntheticShapesDataset"/> draws its images.</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="Seed">Seed; the train and validation splits use different seeds.</param>
/// <param name="Size">Width and height of every image in pixels.</param>
/// <param name="MinShapes">Fewest shapes per image.</param>
/// <param name="MaxShapes">Most shapes per image.</param>
/// <param name="MinRadius">Smallest shape half-size in pixels.</param>
/// <param name="MaxRadius">Largest shape half-size in pixels.</param>
/// <param name="VoidBand">Width in pixels of the void (255) band on each side of a shape's outline.</param>
/// <param name="Noise">Amplitude of the per-pixel background and shape noise, in 0..255 units.</param>
/// <param name="ColourCoded">Each shape class in its own hue family over a nearly grey background (the
/// default, which a small network learns in minutes); false draws every colour at random, so that only
/// the outline tells the classes apart.</param>
public sealed record SyntheticShapesOptions(
    int Count,
    long Seed,
    int Size = 64,
    int MinShapes = 1,
    int MaxShapes = 3,
    double MinRadius = 7,
    double MaxRadius = 16,
    double VoidBand = 0.75,
    double Noise = 24,
    bool ColourCoded = true)
{
    /// <summary>The training split used by the quick start.</summary>
    public static SyntheticShapesOptions Train(int count, int size = 64) => new(count, Seed: 1, Size: size);

    /// <summary>The validation split: same distribution, a different seed.</summary>
    public static SyntheticShapesOptions Validation(int count, int size = 64) => new(count, Seed: 2, Size: size);
}
