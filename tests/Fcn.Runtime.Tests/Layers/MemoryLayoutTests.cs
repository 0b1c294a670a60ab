using System.Linq;
using Fcn.Runtime.Backbones;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

/// <summary>
/// <see cref="MemoryLayouts"/>: channels-last changes strides and kernels, never values (against libtorch's own
/// conv2d on the NCHW input, the reference), and <see cref="MemoryLayout.Automatic"/> uses it only where autograd
/// records nothing.
/// </summary>
public sealed class MemoryLayoutTests
{
    public MemoryLayoutTests() => TorchSetup.Ensure();

    /// <summary>Whether a 4-D tensor's strides are channels-last (NHWC in memory).</summary>
    private static bool IsChannelsLast(Tensor t)
    {
        long[] s = t.stride();
        return s[1] == 1 && s[3] == t.shape[1] && s[2] == t.shape[1] * t.shape[3];
    }

    [Fact]
    public void InChannelsLast_keeps_shape_and_values_and_makes_the_channel_stride_one()
    {
        using var scope = NewDisposeScope();
        // 1x3x2x2 numbered 0..11 in NCHW order: NHWC strides are (12, 1, 6, 3), by hand: C=3, W=2.
        Tensor x = arange(12f).reshape(1, 3, 2, 2);
        Tensor y = MemoryLayouts.InChannelsLast(x);
        Assert.Equal(new long[] { 1, 3, 2, 2 }, y.shape);
        Assert.Equal(new long[] { 12, 1, 6, 3 }, y.stride());
        Assert.Equal(x.data<float>().ToArray(), y.data<float>().ToArray());
        Assert.Same(y, MemoryLayouts.InChannelsLast(y));
    }

    [Fact]
    public void Automatic_runs_channels_last_in_inference_and_NCHW_while_autograd_records()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var convolution = new Convolution2d(4, 6, 3, padding: 1) { Layout = MemoryLayout.Automatic, Formulation = ConvolutionFormulation.Direct };
        Tensor input = randn(2, 4, 9, 7);
        Tensor reference = nn.functional.conv2d(input, convolution.weight, convolution.bias, padding: new long[] { 1, 1 });

        Tensor training = convolution.call(input);
        Assert.True(training.is_contiguous());
        Tensor inference;
        using (no_grad()) inference = convolution.call(input);
        Assert.True(IsChannelsLast(inference));
        Assert.True(allclose(reference, inference, rtol: 1e-5, atol: 1e-6));
        Assert.True(allclose(reference, training, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_ResNet_trunk_in_channels_last_computes_what_it_does_in_NCHW()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var trunk = new ResNetBackbone(50, new[] { false, true, true });
        trunk.eval();
        using (no_grad())
        {
            foreach (var (name, buffer) in trunk.named_buffers())
                if (buffer.is_floating_point()) buffer.uniform_(name.EndsWith("running_var") ? 0.5 : -0.2, name.EndsWith("running_var") ? 1.5 : 0.2);
        }

        Tensor input = randn(1, 3, 37, 45);
        ResNetFeatures nchw, channelsLast;
        using (inference_mode())
        {
            Assert.Equal(1, MemoryLayouts.Use(trunk, MemoryLayout.AsGiven));
            nchw = trunk.call(input);
            MemoryLayouts.Use(trunk, MemoryLayout.ChannelsLast);
            channelsLast = trunk.call(input);
        }

        Assert.True(IsChannelsLast(channelsLast.Layer4));
        Tensor expected = nchw.Layer4, actual = channelsLast.Layer4;
        double scale = expected.abs().max().item<float>();
        Assert.True((expected - actual).abs().max().item<float>() <= 1e-4 * scale + 1e-6);
    }
}
