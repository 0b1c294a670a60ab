using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Batching;

/// <summary>
/// A batch ready for the network: normalized images <c>[N, 3, H, W]</c> and masks <c>[N, H, W]</c> (int64,
/// 255 = void, also in padding). The caller owns (and disposes) it.
/// </summary>
public sealed class SegmentationBatch : IDisposable
{
    /// <summary>Creates a batch.</summary>
    public SegmentationBatch(Tensor images, Tensor masks, IReadOnlyList<string> names)
    {
        Images = images;
        Masks = masks;
        Names = names;
    }

    /// <summary>Normalized images <c>[N, 3, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>Class indices <c>[N, H, W]</c>.</summary>
    public Tensor Masks { get; }

    /// <summary>Sample names, in batch order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Names.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Masks.Dispose();
    }
}
