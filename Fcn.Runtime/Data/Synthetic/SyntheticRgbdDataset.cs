using System;
using System.Collections.Generic;
using Fcn.Runtime.Data.Depth;
using Fcn.Runtime.Data.Nyud;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Synthetic;

/// <summary>
/// A two-input, two-head dataset drawn in memory for the RGB-D, multi-task path: the synthetic shapes as the
/// <c>color</c> image and the semantic head's labels (<c>sem</c>: background, circle, square, triangle), a
/// <c>depth</c> map in millimetres (a tilted background plane 3.5 to 5 m away, each shape a flat plate at its
/// own depth, 0.7 to 2.8 m), and a geometric head (<c>geo</c>: background, near, far) that only the depth can
/// tell, since a shape's colour says nothing of its distance. Sample <c>i</c> is a pure function of (seed, i).
/// </summary>
public sealed class SyntheticRgbdDataset : ISegmentationDataset
{
    /// <summary>The semantic head's name.</summary>
    public const string SemanticHead = "sem";

    /// <summary>The geometric head's name.</summary>
    public const string GeometricHead = "geo";

    /// <summary>Shapes nearer than this are <c>near</c> (1), the others <c>far</c> (2).</summary>
    public const int NearLimitMillimetres = 1750;

    private const long DepthStream = 7;
    private readonly SyntheticShapesDataset _shapes;
    private readonly SyntheticShapesOptions _options;

    /// <summary>Creates the dataset; <paramref name="options"/> draws the shapes as <see cref="SyntheticShapesDataset"/> does.</summary>
    public SyntheticRgbdDataset(SyntheticShapesOptions options)
    {
        _shapes = new SyntheticShapesDataset(options);
        _options = options;
    }

    /// <summary>The semantic classes, by index.</summary>
    public static string[] SemanticClassNames => SyntheticShapesDataset.ClassNames;

    /// <summary>The geometric classes, by index.</summary>
    public static string[] GeometricClassNames { get; } = { "background", "near", "far" };

    /// <inheritdoc />
    public int Count => _shapes.Count;

    /// <inheritdoc />
    public IReadOnlyList<SampleInputInfo> Inputs { get; } = new[] { NyudInputs.ColorInfo, NyudInputs.DepthInfo };

    /// <inheritdoc />
    public IReadOnlyList<SampleLabelInfo> Labels { get; } = new[]
    {
        new SampleLabelInfo(SemanticHead, SyntheticShapesDataset.ClassCount),
        new SampleLabelInfo(GeometricHead, 3),
    };

    /// <inheritdoc />
    public string NameOf(int index) => "rgbd_" + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public SegmentationSample Load(int index)
    {
        (float[] rgb, long[] sem, ushort[] depth, long[] geo) = Draw(index);
        int size = _options.Size;
        return new SegmentationSample(NameOf(index),
            new[]
            {
                new NamedTensor(NyudInputs.Color, tensor(rgb, new long[] { 3, size, size })),
                new NamedTensor(NyudInputs.Depth, LogDepth.Normalize(depth, size, size)),
            },
            new[]
            {
                new NamedTensor(SemanticHead, tensor(sem, new long[] { size, size })),
                new NamedTensor(GeometricHead, tensor(geo, new long[] { size, size })),
            });
    }

    /// <summary>
    /// Sample <paramref name="index"/> as raw arrays: RGB planes (0..255), semantic labels, depth in millimetres
    /// (what a depth PNG holds) and geometric labels. <c>fcn data synthetic --layout nyud</c> writes these.
    /// </summary>
    public (float[] Rgb, long[] Semantic, ushort[] DepthMillimetres, long[] Geometric) Draw(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset has {Count} samples.");

        (float[] rgb, long[] sem, int[] instances, int shapes) = _shapes.Draw(index);
        int size = _options.Size;
        // A stream of its own, so the colour image and semantic labels are exactly the shapes dataset's.
        var random = new KeyedRandom(_options.Seed, DepthStream, index);
        var plates = new int[shapes];
        for (int s = 0; s < shapes; s++) plates[s] = 700 + random.NextInt(2101);
        double tilt = random.NextDouble(-1, 1);

        var depth = new ushort[size * size];
        var geo = new long[size * size];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int p = y * size + x;
                int shape = instances[p];
                double plane = 4250 + 750 * tilt * (2.0 * y / size - 1) + random.NextDouble(-20, 20);
                depth[p] = (ushort)Math.Round(shape < 0 ? plane : plates[shape] + random.NextDouble(-20, 20));
                // Void exactly where the semantic labels are void: the outline band, which both heads leave unscored.
                geo[p] = sem[p] == 255 ? 255 : shape < 0 ? 0 : plates[shape] < NearLimitMillimetres ? 1 : 2;
            }
        }

        return (rgb, sem, depth, geo);
    }
}
