using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data;

/// <summary>
/// One image and its label mask, both on the CPU: <see cref="Image"/> is <c>[3, H, W]</c> float32 RGB in
/// 0..255 (not yet normalized), <see cref="Mask"/> is <c>[H, W]</c> int64 class indices with 255 = void.
/// </summary>
/// <remarks>The tensors belong to the dispose scope that was current when the sample was loaded.</remarks>
public sealed class SegmentationSample : IDisposable
{
    /// <summary>Creates a sample; the shapes must agree.</summary>
    public SegmentationSample(string name, Tensor image, Tensor mask)
    {
        if (image.dim() != 3 || mask.dim() != 2 || image.shape[1] != mask.shape[0] || image.shape[2] != mask.shape[1])
        {
            throw new ArgumentException(
                $"Sample '{name}': image [{string.Join(", ", image.shape)}] and mask [{string.Join(", ", mask.shape)}] do not match.");
        }

        Name = name;
        Image = image;
        Mask = mask;
    }

    /// <summary>The sample's identifier (file stem or synthetic index).</summary>
    public string Name { get; }

    /// <summary>RGB image <c>[3, H, W]</c>, float32, 0..255.</summary>
    public Tensor Image { get; }

    /// <summary>Class indices <c>[H, W]</c>, int64, 255 = void.</summary>
    public Tensor Mask { get; }

    /// <summary>Height in pixels.</summary>
    public int Height => (int)Mask.shape[0];

    /// <summary>Width in pixels.</summary>
    public int Width => (int)Mask.shape[1];

    /// <inheritdoc />
    public void Dispose()
    {
        Image.Dispose();
        Mask.Dispose();
    }
}
