using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Fcn.Runtime.Data.Batching;

/// <summary>
/// Stacks samples of different sizes into one batch by padding at the bottom and right: images with 0
/// (after normalization that is the mean colour) and masks with 255, so padding never reaches the loss
/// or the metrics.
/// </summary>
public static class BatchCollator
{
    /// <summary>The label used for padding: void.</summary>
    public const long PadLabel = 255;

    /// <summary>Pads and stacks normalized <c>[3, H, W]</c> images and <c>[H, W]</c> masks.</summary>
    public static SegmentationBatch Collate(IReadOnlyList<(string Name, Tensor Image, Tensor Mask)> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sample.", nameof(samples));
        }

        using var scope = NewDisposeScope();
        long height = samples.Max(s => s.Image.shape[1]);
        long width = samples.Max(s => s.Image.shape[2]);
        var images = new List<Tensor>();
        var masks = new List<Tensor>();
        foreach ((string _, Tensor image, Tensor mask) in samples)
        {
            long[] pad = { 0, width - image.shape[2], 0, height - image.shape[1] };
            bool needsPad = pad[1] > 0 || pad[3] > 0;
            images.Add(needsPad ? F.pad(image, pad, value: 0) : image);
            masks.Add(needsPad ? F.pad(mask, pad, value: PadLabel) : mask);
        }

        return new SegmentationBatch(
            stack(images).MoveToOuterDisposeScope(),
            stack(masks).MoveToOuterDisposeScope(),
            samples.Select(s => s.Name).ToArray());
    }
}
