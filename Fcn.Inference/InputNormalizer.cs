using System;
using System.Collections.Generic;
using Fcn.Imaging;

namespace Fcn.Inference;

/// <summary>
/// The input convention an exported model states in its metadata (<c>fcn.normalization.*</c>), applied
/// to an RGB 0..255 image: optionally reorder to BGR, multiply by <see cref="Scale"/>, subtract
/// <see cref="Mean"/>[c], divide by <see cref="Std"/>[c]: Fcn.Runtime's ImageNormalization, on arrays.
/// </summary>
public sealed record InputNormalizer(string Name, bool ToBgr, double Scale, IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>Writes the normalized image into <paramref name="destination"/> ([3, H, W], the image's layout).</summary>
    public void Apply(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        int plane = image.Width * image.Height;
        if (destination.Length != 3 * plane) throw new ArgumentException("The destination must hold 3 * width * height values.", nameof(destination));
        ReadOnlySpan<float> source = image.Planes;
        for (int c = 0; c < 3; c++)
        {
            int from = ToBgr ? 2 - c : c;
            float scale = (float)(Scale / Std[c]), shift = (float)(Mean[c] / Std[c]);
            ReadOnlySpan<float> input = source.Slice(from * plane, plane);
            Span<float> output = destination.Slice(c * plane, plane);
            for (int p = 0; p < plane; p++) output[p] = input[p] * scale - shift;
        }
    }
}
