using System;

namespace Fcn.Runtime.Data.Synthetic;

/// <summary>
/// The colours <see cref="SyntheticShapesDataset"/> paints with, as RGB triples in 0..255.
/// </summary>
/// <remarks>
/// With <see cref="SyntheticShapesOptions.ColourCoded"/> each shape class has its own hue family
/// (circles red, squares green, triangles blue, each jittered in hue, saturation and brightness) and the
/// background is drawn from low-saturation, nearly grey colours. The quick start is meant to show a
/// network learning on a CPU within minutes, not to be a hard benchmark: when every colour was
/// possible for every class, only the outline told a circle from a square, and the tiny FCN needed
/// several times the training to leave "all background". Colour and shape now agree, and the shapes
/// still have to be found against a noisy, textured background with void borders.
/// </remarks>
public static class ShapePalette
{
    // Hue families in degrees, one per shape class, 120 degrees apart so that the +-HueJitter bands
    // never touch: circle red, square green, triangle blue.
    private const double CircleHue = 0, SquareHue = 120, TriangleHue = 240;
    private const double HueJitter = 25;

    // Shapes are saturated and not dark, the background is at most about 15% saturated: the gap keeps
    // "coloured" meaning "shape" even after the per-pixel noise.
    private const double MinShapeSaturation = 0.65, MinShapeValue = 0.55;
    private const double MinBackgroundGrey = 50, MaxBackgroundGrey = 205, BackgroundTint = 15;

    /// <summary>A colour for a shape of class <paramref name="kind"/>.</summary>
    /// <param name="random">The sample's random stream.</param>
    /// <param name="kind">The shape's class.</param>
    /// <param name="colourCoded">False: any colour at all, whatever the class.</param>
    public static double[] Shape(KeyedRandom random, ShapeClass kind, bool colourCoded)
    {
        if (!colourCoded)
        {
            return AnyColour(random);
        }

        double family = kind switch
        {
            ShapeClass.Circle => CircleHue,
            ShapeClass.Square => SquareHue,
            ShapeClass.Triangle => TriangleHue,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The background has no shape colour."),
        };
        double hue = family + random.NextDouble(-HueJitter, HueJitter);
        double saturation = random.NextDouble(MinShapeSaturation, 1);
        double value = random.NextDouble(MinShapeValue, 1);
        return FromHsv(hue, saturation, value);
    }

    /// <summary>One end of the background's gradient.</summary>
    /// <param name="random">The sample's random stream.</param>
    /// <param name="colourCoded">False: any colour at all.</param>
    public static double[] Background(KeyedRandom random, bool colourCoded)
    {
        if (!colourCoded)
        {
            return AnyColour(random);
        }

        double grey = random.NextDouble(MinBackgroundGrey, MaxBackgroundGrey);
        return new[]
        {
            grey + random.NextDouble(-BackgroundTint, BackgroundTint),
            grey + random.NextDouble(-BackgroundTint, BackgroundTint),
            grey + random.NextDouble(-BackgroundTint, BackgroundTint),
        };
    }

    private static double[] AnyColour(KeyedRandom random) =>
        new[] { random.NextDouble(0, 255), random.NextDouble(0, 255), random.NextDouble(0, 255) };

    /// <summary>HSV (hue in degrees, any value; saturation and value in 0..1) to RGB in 0..255.</summary>
    private static double[] FromHsv(double hue, double saturation, double value)
    {
        // The standard hexcone formula: each channel is value minus the part of the chroma that its
        // distance from the hue takes away.
        double h = ((hue % 360) + 360) % 360 / 60;
        double Channel(double n)
        {
            double k = (n + h) % 6;
            return 255 * (value - value * saturation * Math.Max(0, Math.Min(k, Math.Min(4 - k, 1))));
        }

        return new[] { Channel(5), Channel(3), Channel(1) };
    }
}
