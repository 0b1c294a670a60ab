using System;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Fcn.Runtime.Data.Transforms;

/// <summary>
/// Random scale, crop and horizontal flip applied identically to an image and its mask: bilinear
/// resampling for the image, nearest for the mask (labels must never be blended).
/// </summary>
/// <param name="MinScale">Smallest scale factor.</param>
/// <param name="MaxScale">Largest scale factor.</param>
/// <param name="CropSize">Side of the square random crop, or null for no crop. Smaller images are padded
/// first (image with 0, mask with 255 so the padding is ignored by the loss).</param>
/// <param name="HorizontalFlip">Flip left-right with probability 1/2.</param>
public sealed record JointAugmentation(double MinScale = 1.0, double MaxScale = 1.0, int? CropSize = null, bool HorizontalFlip = true)
{
    /// <summary>Returns the augmented image and mask (new tensors; the inputs are left alone).</summary>
    public (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask, KeyedRandom random)
    {
        using var scope = NewDisposeScope();
        Tensor x = image, y = mask;

        double scale = random.NextDouble(MinScale, MaxScale);
        if (MinScale != 1.0 || MaxScale != 1.0)
        {
            long height = Math.Max(1, (long)Math.Round(image.shape[1] * scale));
            long width = Math.Max(1, (long)Math.Round(image.shape[2] * scale));
            long[] size = { height, width };
            x = F.interpolate(x.unsqueeze(0), size, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(0);
            y = F.interpolate(y.unsqueeze(0).unsqueeze(0).to(ScalarType.Float32), size, mode: InterpolationMode.Nearest)
                .squeeze(0).squeeze(0).to(ScalarType.Int64);
        }

        if (CropSize is int crop)
        {
            long padBottom = Math.Max(0, crop - x.shape[1]), padRight = Math.Max(0, crop - x.shape[2]);
            if (padBottom > 0 || padRight > 0)
            {
                long[] pad = { 0, padRight, 0, padBottom };
                x = F.pad(x, pad, value: 0);
                y = F.pad(y, pad, value: 255);
            }

            int top = random.NextInt((int)(x.shape[1] - crop + 1));
            int left = random.NextInt((int)(x.shape[2] - crop + 1));
            x = x[.., top..(top + crop), left..(left + crop)];
            y = y[top..(top + crop), left..(left + crop)];
        }

        if (HorizontalFlip && random.NextBool())
        {
            x = x.flip(2);
            y = y.flip(1);
        }

        // contiguous() makes fresh tensors even when nothing changed, so callers may always dispose.
        return (x.contiguous().clone().MoveToOuterDisposeScope(), y.contiguous().clone().MoveToOuterDisposeScope());
    }
}
