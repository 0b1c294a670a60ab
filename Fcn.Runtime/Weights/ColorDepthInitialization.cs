using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Early fusion of color and depth (the paper's section 5, NYUDv2): a net whose first convolution reads
/// four channels starts from an RGB net, as the Caffe reference's nyud-fcn32s-color-d/solve.py
/// (shelhamer/fcn.berkeleyvision.org) does after transplanting the RGB net by name:
/// <code>
/// conv1_1_bgrd.weight[:, :3] = conv1_1.weight
/// conv1_1_bgrd.weight[:, 3]  = mean(conv1_1.weight, axis=1)   # over the three color input channels
/// conv1_1_bgrd.bias          = conv1_1.bias
/// </code>
/// The color channels are copied in the source net's order (Caffe's VGG16 reads BGR, hence the name
/// "bgrd"; torchvision's reads RGB): feed the widened net its color channels in the same order.
/// </summary>
public static class ColorDepthInitialization
{
    /// <summary>The RGB net's first convolution.</summary>
    public const string RgbLayer = "conv1_1";

    /// <summary>The color-and-depth net's first convolution, named as in the Caffe reference's nyud-fcn32s-color-d.</summary>
    public const string ColorDepthLayer = "conv1_1_bgrd";

    /// <summary>
    /// The RGB state dict with <paramref name="rgbLayer"/> replaced by <paramref name="widenedLayer"/>, one input
    /// channel wider: its weight is the RGB weight followed by the RGB weight's mean over the input channels
    /// (so a depth map equal to each color channel would give the RGB net's response), its bias the RGB bias.
    /// Every other key keeps the source's own tensor (not a copy); the two new tensors are the caller's to dispose.
    /// </summary>
    /// <exception cref="ArgumentException">The state dict has no <c>rgbLayer.weight</c>, or it is not a convolution over 3 channels.</exception>
    public static Dictionary<string, Tensor> WidenFirstConvolution(
        IReadOnlyDictionary<string, Tensor> rgb, string rgbLayer = RgbLayer, string widenedLayer = ColorDepthLayer)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentException.ThrowIfNullOrEmpty(rgbLayer);
        ArgumentException.ThrowIfNullOrEmpty(widenedLayer);
        if (!rgb.TryGetValue(rgbLayer + ".weight", out Tensor? weight))
            throw new ArgumentException($"The state dict has no {rgbLayer}.weight to widen; name the RGB net's first convolution.", nameof(rgb));
        if (weight.dim() != 4 || weight.shape[1] != 3)
            throw new ArgumentException($"{rgbLayer}.weight has shape [{string.Join(", ", weight.shape)}]: not a convolution over 3 color channels ([out, 3, kh, kw]).", nameof(rgb));

        var widened = new Dictionary<string, Tensor>(rgb.Count);
        foreach ((string key, Tensor tensor) in rgb)
            if (key != rgbLayer + ".weight" && key != rgbLayer + ".bias") widened[key] = tensor;

        using (no_grad())
        {
            using Tensor depth = weight.mean(new long[] { 1 }, keepdim: true);
            widened[widenedLayer + ".weight"] = cat(new[] { weight, depth }, 1);
            if (rgb.TryGetValue(rgbLayer + ".bias", out Tensor? bias)) widened[widenedLayer + ".bias"] = bias.clone();
        }
        return widened;
    }

    /// <summary>
    /// Loads an RGB net's state dict into <paramref name="model"/>, whose first convolution is
    /// <paramref name="widenedLayer"/> over color and depth (see <see cref="WidenFirstConvolution"/>); every other
    /// layer by name. The report is <see cref="WeightLoader"/>'s: the widened layer among the loaded keys, the
    /// model's own layers (e.g. a score layer for other classes) missing or of another shape.
    /// </summary>
    public static WeightLoadReport FromRgb(
        nn.Module model, IReadOnlyDictionary<string, Tensor> rgb, string rgbLayer = RgbLayer, string widenedLayer = ColorDepthLayer)
    {
        ArgumentNullException.ThrowIfNull(model);
        Dictionary<string, Tensor> widened = WidenFirstConvolution(rgb, rgbLayer, widenedLayer);
        try
        {
            return WeightLoader.Load(model, widened);
        }
        finally
        {
            // Only the two tensors made here; the rest belong to the caller's state dict.
            widened[widenedLayer + ".weight"].Dispose();
            if (widened.TryGetValue(widenedLayer + ".bias", out Tensor? bias)) bias.Dispose();
        }
    }
}
