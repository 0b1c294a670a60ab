using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Fcn.Runtime.Weights;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Weights;

/// <summary>
/// The surgery of the Caffe reference's nyud-fcn32s-color-d/solve.py on hand-built state dicts: RGB
/// weights copied to channels 0..2, channel 3 the mean over them, the bias copied, everything else by name.
/// </summary>
public sealed class ColorDepthInitializationTests
{
    public ColorDepthInitializationTests() => TorchSetup.Ensure();

    /// <summary>
    /// conv1_1: one output, three input channels, a 1x2 kernel. Channel c at kernel column k holds:
    /// R [1, 4], G [2, 5], B [3, 9]; bias 0.5. conv1_2: 2x1 over one channel, [7, 8], bias [-1, -2].
    /// </summary>
    private static Dictionary<string, Tensor> RgbNet() => new()
    {
        ["conv1_1.weight"] = tensor(new float[] { 1, 4, 2, 5, 3, 9 }).reshape(1, 3, 1, 2),
        ["conv1_1.bias"] = tensor(new float[] { 0.5f }),
        ["conv1_2.weight"] = tensor(new float[] { 7, 8 }).reshape(2, 1, 1, 1),
        ["conv1_2.bias"] = tensor(new float[] { -1, -2 }),
    };

    [Fact]
    public void The_depth_channel_is_the_mean_of_the_color_channels_at_each_kernel_position()
    {
        Dictionary<string, Tensor> rgb = RgbNet();
        Dictionary<string, Tensor> widened = ColorDepthInitialization.WidenFirstConvolution(rgb);

        // By hand: column 0 mean (1 + 2 + 3) / 3 = 2, column 1 mean (4 + 5 + 9) / 3 = 6.
        Assert.Equal(new[] { "conv1_1_bgrd.bias", "conv1_1_bgrd.weight", "conv1_2.bias", "conv1_2.weight" }, widened.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new long[] { 1, 4, 1, 2 }, widened["conv1_1_bgrd.weight"].shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 9, 2, 6 }, widened["conv1_1_bgrd.weight"].data<float>().ToArray());
        Assert.Equal(new float[] { 0.5f }, widened["conv1_1_bgrd.bias"].data<float>().ToArray());
        // The other layers are the source's own tensors, untouched.
        Assert.Same(rgb["conv1_2.weight"], widened["conv1_2.weight"]);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 9 }, rgb["conv1_1.weight"].data<float>().ToArray());
    }

    [Fact]
    public void A_layer_that_is_missing_or_not_over_three_channels_is_refused()
    {
        Dictionary<string, Tensor> rgb = RgbNet();
        var error = Assert.Throws<ArgumentException>(() => ColorDepthInitialization.WidenFirstConvolution(rgb, rgbLayer: "conv1_2", widenedLayer: "conv1_2_d"));
        Assert.Contains("conv1_2.weight has shape [2, 1, 1, 1]: not a convolution over 3 color channels", error.Message);
        Assert.Contains("has no conv0.weight", Assert.Throws<ArgumentException>(() => ColorDepthInitialization.WidenFirstConvolution(rgb, rgbLayer: "conv0")).Message);
    }

    /// <summary>A four-channel net as the color-d spec names it, with a score layer the RGB net lacks.</summary>
    private sealed class ColorDepthNet : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1_1_bgrd = nn.Conv2d(4, 1, (1, 2));
        private readonly Conv2d conv1_2 = nn.Conv2d(1, 2, 1);
        private readonly Conv2d score = nn.Conv2d(2, 5, 1);

        public ColorDepthNet() : base(nameof(ColorDepthNet)) => RegisterComponents();

        public override Tensor forward(Tensor input) => score.forward(conv1_2.forward(conv1_1_bgrd.forward(input)));
    }

    [Fact]
    public void FromRgb_loads_the_widened_layer_and_the_rest_by_name_and_reports_the_new_layers_as_missing()
    {
        using var model = new ColorDepthNet();
        Dictionary<string, Tensor> rgb = RgbNet();

        WeightLoadReport report = ColorDepthInitialization.FromRgb(model, rgb);

        Assert.Equal(new[] { "conv1_1_bgrd.weight", "conv1_1_bgrd.bias", "conv1_2.weight", "conv1_2.bias" }, report.Loaded);
        Assert.Equal(new[] { "score.weight", "score.bias" }, report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.Empty(report.ShapeMismatched);
        Dictionary<string, Tensor> loaded = model.state_dict();
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 9, 2, 6 }, loaded["conv1_1_bgrd.weight"].data<float>().ToArray());
        Assert.Equal(new float[] { 7, 8 }, loaded["conv1_2.weight"].data<float>().ToArray());

        // On a 1x2 input of ones in all four channels, the widened convolution sums its eight weights and the
        // bias: 1 + 4 + 2 + 5 + 3 + 9 + 2 + 6 + 0.5 = 32.5.
        using Tensor ones = TorchSharp.torch.ones(1, 4, 1, 2);
        using Tensor response = nn.functional.conv2d(ones, loaded["conv1_1_bgrd.weight"], loaded["conv1_1_bgrd.bias"]);
        Assert.Equal(32.5f, response.item<float>());
    }
}
