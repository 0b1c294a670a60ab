using System;
using Fcn.Imaging.Png;

namespace Fcn.Inference;

/// <summary>One output's class scores for one image: <see cref="Classes"/> x <see cref="Height"/> x <see cref="Width"/>, row-major.</summary>
/// <param name="Name">The graph output (the spec's <c>outputs:</c> key: <c>out</c>, <c>aux</c>, SIFT Flow's <c>sem</c> and <c>geo</c>).</param>
public sealed record OutputLogits(string Name, int Classes, int Height, int Width, float[] Data)
{
    /// <summary>Class indices (argmax over the classes, 0..255) as a palette image.</summary>
    public IndexedImage ToMask()
    {
        int plane = Width * Height;
        var labels = new byte[plane];
        for (int p = 0; p < plane; p++)
        {
            int best = 0;
            float bestScore = Data[p];
            // Strictly greater: ties go to the lower class index, as torch.argmax does.
            for (int c = 1; c < Classes; c++)
                if (Data[c * plane + p] > bestScore) (best, bestScore) = (c, Data[c * plane + p]);
            labels[p] = (byte)Math.Min(best, 255);
        }

        return new IndexedImage(Width, Height, labels);
    }
}
