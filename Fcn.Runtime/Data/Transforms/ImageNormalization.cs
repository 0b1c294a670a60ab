using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Transforms;

/// <summary>
/// Turns an RGB 0..255 image into what a network was trained on. Two conventions matter for FCNs:
/// <see cref="Caffe"/> (the original VGG16 FCNs) and <see cref="TorchVision"/> (the ResNet FCNs).
/// </summary>
public sealed class ImageNormalization
{
    private readonly double[] _mean;
    private readonly double[] _std;

    private ImageNormalization(string name, bool toBgr, double scale, double[] mean, double[] std)
    {
        Name = name;
        ToBgr = toBgr;
        Scale = scale;
        _mean = mean;
        _std = std;
    }

    /// <summary>
    /// Caffe's: channels reordered RGB -> BGR, kept in the 0..255 range, the ImageNet BGR mean
    /// (104.00699, 116.66877, 122.67892) subtracted, no division.
    /// </summary>
    public static ImageNormalization Caffe { get; } =
        new("caffe", toBgr: true, scale: 1.0, mean: new[] { 104.00699, 116.66877, 122.67892 }, std: new[] { 1.0, 1.0, 1.0 });

    /// <summary>torchvision's: RGB scaled to 0..1, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).</summary>
    public static ImageNormalization TorchVision { get; } =
        new("torchvision", toBgr: false, scale: 1.0 / 255.0, mean: new[] { 0.485, 0.456, 0.406 }, std: new[] { 0.229, 0.224, 0.225 });

    /// <summary>
    /// Caffe's convention with another mean: channels reversed to BGR, 0..255 kept, <paramref name="blue"/>,
    /// <paramref name="green"/> and <paramref name="red"/> subtracted (a data layer's own mean, such as NYUD's HHA's).
    /// </summary>
    public static ImageNormalization CaffeWithMean(string name, double blue, double green, double red) =>
        new(name, toBgr: true, scale: 1.0, mean: new[] { blue, green, red }, std: new[] { 1.0, 1.0, 1.0 });

    /// <summary>The convention's name (<c>caffe</c> or <c>torchvision</c>).</summary>
    public string Name { get; }

    /// <summary>Whether channels are reordered to BGR.</summary>
    public bool ToBgr { get; }

    /// <summary>Factor applied to 0..255 values before the mean is subtracted.</summary>
    public double Scale { get; }

    /// <summary>The per-channel means subtracted after scaling, in the network's channel order (BGR for Caffe's).</summary>
    public System.Collections.Generic.IReadOnlyList<double> Mean => _mean;

    /// <summary>The per-channel divisors applied after the mean.</summary>
    public System.Collections.Generic.IReadOnlyList<double> Std => _std;

    /// <summary>Looks a convention up by name (case-insensitive).</summary>
    public static ImageNormalization FromName(string name) => name.ToLowerInvariant() switch
    {
        "caffe" => Caffe,
        "torchvision" => TorchVision,
        _ => throw new ArgumentException($"Unknown normalization '{name}' (expected caffe or torchvision).", nameof(name)),
    };

    /// <summary>Normalizes <c>[3, H, W]</c> or <c>[N, 3, H, W]</c> RGB 0..255 (float) images.</summary>
    public Tensor Apply(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        int channelDim = (int)rgb.dim() - 3;
        Tensor x = ToBgr ? rgb.flip(channelDim) : rgb;
        long[] shape = channelDim == 0 ? new long[] { 3, 1, 1 } : new long[] { 1, 3, 1, 1 };
        Tensor mean = tensor(Array.ConvertAll(_mean, v => (float)v), shape, device: rgb.device);
        Tensor std = tensor(Array.ConvertAll(_std, v => (float)v), shape, device: rgb.device);
        return x.mul(Scale).sub_(mean).div_(std).MoveToOuterDisposeScope();
    }
}
