using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Depth;

/// <summary>
/// The depth input of the NYUDv2 nets as the Caffe reference's data layer makes it (<c>nyud_layers.py</c>,
/// <c>load_depth</c>, in shelhamer/fcn.berkeleyvision.org): the depth PNG's values as float32, their natural
/// log, minus the mean log depth 7.844, one channel.
/// </summary>
public static class LogDepth
{
    /// <summary>The reference's <c>mean_logd</c>.</summary>
    public const double MeanLogDepth = 7.844;

    /// <summary>
    /// Normalizes depths (the PNG's 16-bit values: millimetres in NYUD's release) of a <paramref name="height"/> x
    /// <paramref name="width"/> image into <c>[1, H, W]</c> float32. A missing depth (0) would be log 0 = -inf, which
    /// the reference never meets because its depth maps are filled in; it is read as 1 (log 0, the nearest value).
    /// </summary>
    public static Tensor Normalize(ushort[] depths, int height, int width)
    {
        if (depths.Length != height * width) throw new ArgumentException("Depth count does not match height * width.", nameof(depths));
        var values = new float[depths.Length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(Math.Log(Math.Max((int)depths[i], 1)) - MeanLogDepth);
        return tensor(values, new long[] { 1, height, width });
    }
}
