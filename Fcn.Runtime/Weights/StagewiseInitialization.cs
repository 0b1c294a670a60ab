using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Stage-wise training (paper, section 4.2): a finer net (FCN-16s) starts from a trained coarser one
/// (FCN-32s) by copying every parameter with the same name and shape. The layers only the finer net
/// has keep their own initialization: zero for the new score layers, so the skip adds nothing at
/// step 0, and bilinear for the new upsampling layers.
/// </summary>
public static class StagewiseInitialization
{
    /// <summary>
    /// Copies <paramref name="coarser"/>'s parameters and buffers into <paramref name="finer"/> by key.
    /// The report lists the finer net's own layers as missing and the coarser net's dropped layers
    /// (e.g. FCN-32s's <c>upscore</c>) as unexpected.
    /// </summary>
    public static WeightLoadReport FromCoarser(nn.Module finer, nn.Module coarser)
    {
        ArgumentNullException.ThrowIfNull(finer);
        ArgumentNullException.ThrowIfNull(coarser);
        return WeightLoader.Load(finer, coarser.state_dict());
    }
}
