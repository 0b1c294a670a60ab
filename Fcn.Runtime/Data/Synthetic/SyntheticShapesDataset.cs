using System;
using System.Globalization;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Synthetic;

/// <summary>
/// A segmentation dataset drawn in memory: circles, squares and triangles (classes 1..3) of random
/// position, size and colour (by default from each class's own hue family, see <see cref="ShapePalette"/>)
/// over a noisy gradient background (class 0), with a void (255) band along every outline like PASCAL
/// VOC's. Sample <c>i</c> is a pure function of (seed, i): no download, no files, identical on every
/// machine.
/// </summary>
public sealed class SyntheticShapesDataset : ISegmentationDataset
{
    /// <summary>Number of classes including the background.</summary>
    public const int ClassCount = 4;

    private readonly SyntheticShapesOptions _options;

    /// <summary>Creates the dataset.</summary>
    public SyntheticShapesDataset(SyntheticShapesOptions options)
    {
        if (options.Count < 0 || options.Size < 8 || options.MinShapes < 0 || options.MaxShapes < options.MinShapes
            || options.MinRadius <= 0 || options.MaxRadius < options.MinRadius)
        {
            throw new ArgumentException($"Invalid synthetic shapes options: {options}.", nameof(options));
        }

        _options = options;
    }

    /// <inheritdoc />
    public int Count => _options.Count;

    /// <summary>The class names, by index.</summary>
    public static string[] ClassNames { get; } = { "background", "circle", "square", "triangle" };

    /// <inheritdoc />
    public string NameOf(int index) => "shapes_" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public SegmentationSample Load(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset has {Count} samples.");
        }

        (float[] rgb, long[] labels, _, _) = Draw(index);
        int size = _options.Size;
        Tensor image = tensor(rgb, new long[] { 3, size, size });
        Tensor mask = tensor(labels, new long[] { size, size });
        return new SegmentationSample(NameOf(index), image, mask);
    }

    /// <summary>
    /// Draws sample <paramref name="index"/>: RGB planes, labels, and for every pixel the shape that covers it
    /// last (0-based, in drawing order; -1 for the background) with the number of shapes drawn, which the
    /// RGB-D dataset gives depths to.
    /// </summary>
    internal (float[] Rgb, long[] Labels, int[] Instances, int Shapes) Draw(int index)
    {
        int size = _options.Size;
        var random = new KeyedRandom(_options.Seed, index);
        var rgb = new float[3 * size * size];
        var labels = new long[size * size];
        var instances = new int[size * size];
        System.Array.Fill(instances, -1);

        DrawBackground(random, rgb, size);
        int shapes = _options.MinShapes + random.NextInt(_options.MaxShapes - _options.MinShapes + 1);
        for (int s = 0; s < shapes; s++)
        {
            DrawShape(random, rgb, labels, instances, s, size);
        }

        return (rgb, labels, instances, shapes);
    }

    private void DrawBackground(KeyedRandom random, float[] rgb, int size)
    {
        // A linear gradient between two random colours in a random direction, plus per-pixel noise:
        // enough texture that "not uniform" does not mean "shape".
        double angle = random.NextDouble(0, 2 * Math.PI);
        double dx = Math.Cos(angle) / size, dy = Math.Sin(angle) / size;
        double[] from = ShapePalette.Background(random, _options.ColourCoded);
        double[] to = ShapePalette.Background(random, _options.ColourCoded);
        int plane = size * size;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double t = Math.Clamp(0.5 + (x - size / 2.0) * dx + (y - size / 2.0) * dy, 0, 1);
                for (int c = 0; c < 3; c++)
                {
                    double value = from[c] + (to[c] - from[c]) * t + Noise(random);
                    rgb[c * plane + y * size + x] = (float)Math.Clamp(value, 0, 255);
                }
            }
        }
    }

    private void DrawShape(KeyedRandom random, float[] rgb, long[] labels, int[] instances, int shape, int size)
    {
        var kind = (ShapeClass)(1 + random.NextInt(3));
        double radius = random.NextDouble(_options.MinRadius, _options.MaxRadius);
        double cx = random.NextDouble(radius * 0.5, size - radius * 0.5);
        double cy = random.NextDouble(radius * 0.5, size - radius * 0.5);
        double[] colour = ShapePalette.Shape(random, kind, _options.ColourCoded);
        double band = _options.VoidBand;
        int plane = size * size;

        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                // Sample at the pixel centre; d < 0 inside, > 0 outside, |d| = distance to the outline.
                double d = SignedDistance(kind, x + 0.5 - cx, y + 0.5 - cy, radius);
                if (d > band)
                {
                    continue;
                }

                int p = y * size + x;
                labels[p] = d < -band ? (long)kind : 255;
                instances[p] = shape;
                if (d < 0)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        rgb[c * plane + p] = (float)Math.Clamp(colour[c] + Noise(random), 0, 255);
                    }
                }
            }
        }
    }

    private static double SignedDistance(ShapeClass kind, double px, double py, double r)
    {
        switch (kind)
        {
            case ShapeClass.Circle:
                return Math.Sqrt(px * px + py * py) - r;
            case ShapeClass.Square:
                // Half-side r * 0.85 so a square and a circle of the same r cover similar areas.
                return Math.Max(Math.Abs(px), Math.Abs(py)) - r * 0.85;
            default:
                // Upright equilateral triangle with circumradius r: the largest signed distance to its
                // three edge lines (exact inside and near the edges, which is all the void band needs).
                double inradius = r / 2;
                double e1 = py - inradius;                                   // bottom edge, normal (0, 1)
                double e2 = -0.5 * py + 0.8660254037844386 * px - inradius;  // right edge
                double e3 = -0.5 * py - 0.8660254037844386 * px - inradius;  // left edge
                return Math.Max(e1, Math.Max(e2, e3));
        }
    }

    private double Noise(KeyedRandom random) => (random.NextDouble() * 2 - 1) * _options.Noise;
}
