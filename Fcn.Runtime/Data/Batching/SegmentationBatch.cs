using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Batching;

/// <summary>
/// A batch ready for the network: normalized inputs <c>[N, C, H, W]</c> (several inputs concatenated along the
/// channels in the model's order, as <see cref="ISegmentationModel.ForwardOutputs"/> takes them) and one mask
/// <c>[N, H, W]</c> (int64) per head, the main head's first, padding set to that head's void label. The caller
/// owns (and disposes) it.
/// </summary>
public sealed class SegmentationBatch : IDisposable
{
    /// <summary>Creates a single-head batch (255 = void, also in padding).</summary>
    public SegmentationBatch(Tensor images, Tensor masks, IReadOnlyList<string> names)
        : this(images, new[] { masks }, names)
    {
    }

    /// <summary>Creates a batch with one mask per head.</summary>
    public SegmentationBatch(Tensor images, IReadOnlyList<Tensor> headMasks, IReadOnlyList<string> names)
    {
        if (headMasks.Count == 0) throw new ArgumentException("A batch has at least one mask.", nameof(headMasks));
        Images = images;
        HeadMasks = headMasks;
        Names = names;
    }

    /// <summary>Normalized inputs <c>[N, C, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>The main head's class indices <c>[N, H, W]</c>.</summary>
    public Tensor Masks => HeadMasks[0];

    /// <summary>Class indices <c>[N, H, W]</c> per head, in the binding's head order.</summary>
    public IReadOnlyList<Tensor> HeadMasks { get; }

    /// <summary>Sample names, in batch order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Names.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        foreach (Tensor mask in HeadMasks) mask.Dispose();
    }
}
