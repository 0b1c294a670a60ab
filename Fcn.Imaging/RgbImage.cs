using System;

namespace Fcn.Imaging;

/// <summary>
/// A photograph as the networks read it: planar RGB, values 0..255 as float, laid out [3, H, W]
/// (all red values row by row, then green, then blue), the layout of a TorchSharp image tensor.
/// </summary>
public sealed class RgbImage
{
    /// <exception cref="ArgumentException">The plane data does not hold 3 * width * height values.</exception>
    public RgbImage(int width, int height, float[] planes)
    {
        ArgumentNullException.ThrowIfNull(planes);
        if (width < 1 || height < 1 || planes.Length != 3L * width * height)
            throw new ArgumentException($"A {width}x{height} RGB image holds {3L * width * height} values; got {planes.Length}.", nameof(planes));
        Width = width;
        Height = height;
        Planes = planes;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>[3, H, W] row-major: red, green, blue planes.</summary>
    public float[] Planes { get; }
}
