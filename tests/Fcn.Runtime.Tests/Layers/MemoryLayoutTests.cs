using System.Linq;
using Fcn.Runtime.Backbones;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

/// <summary>
/// <see cref="MemoryLayouts"/>: channels-last changes strides and kernels, never values (against libtorch's own
/// conv2d on the NCHW input, the reference), and <see cref="MemoryLayout.Automatic"/> measures the two layouts only
/// where autograd records nothing (its decision logic alone: <see cref="LayoutTrialsTests"/>).
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
    public void Automatic_alternates_the_layouts_on_its_first_inference_calls_then_keeps_one_and_trains_as_given()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var convolution = new Convolution2d(4, 6, 3, padding: 1) { Layout = MemoryLayout.Automatic, Formulation = ConvolutionFormulation.Direct };
        Tensor input = randn(2, 4, 9, 7);
        Tensor reference = nn.functional.conv2d(input, convolution.weight, convolution.bias, padding: new long[] { 1, 1 });

        Tensor training = convolution.call(input);
        Assert.True(training.is_contiguous());
        Assert.Empty(convolution.MeasuredLayouts.Decisions);

        // 2 x 9 x 7 = 126 output positions: size class floor(log2(126)) = 6.
        var layouts = new System.Collections.Generic.List<MemoryLayout>();
        using (no_grad())
        {
            for (int call = 0; call < 2 * LayoutTrials.TrialsPerLayout + 2; call++)
            {
                Tensor inference = convolution.call(input);
                layouts.Add(IsChannelsLast(inference) ? MemoryLayout.ChannelsLast : MemoryLayout.ChannelsFirst);
                Assert.True(allclose(reference, inference, rtol: 1e-5, atol: 1e-6));
            }
        }

        var trials = layouts.Take(2 * LayoutTrials.TrialsPerLayout).ToArray();
        Assert.Equal(Enumerable.Range(0, trials.Length).Select(i => i % 2 == 0 ? MemoryLayout.ChannelsFirst : MemoryLayout.ChannelsLast), trials);
        MemoryLayout decision = Assert.Single(convolution.MeasuredLayouts.Decisions, d => d.Key == 6).Value.Layout;
        // The input arrives NCHW, so after the trials a call runs NCHW unless channels-last won by the margin.
        Assert.All(layouts.Skip(trials.Length), layout => Assert.Contains(layout, new[] { MemoryLayout.ChannelsFirst, decision }));
        Assert.True(allclose(reference, training, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void ChannelsFirst_makes_a_channels_last_input_contiguous_and_keeps_its_values()
    {
        using var scope = NewDisposeScope();
        Tensor x = MemoryLayouts.InChannelsLast(arange(24f).reshape(1, 6, 2, 2));
        Assert.Equal(MemoryLayout.ChannelsLast, MemoryLayouts.Of(x));
        Tensor y = MemoryLayouts.Apply(MemoryLayout.ChannelsFirst, x);
        Assert.Equal(MemoryLayout.ChannelsFirst, MemoryLayouts.Of(y));
        Assert.Equal(new long[] { 24, 4, 2, 1 }, y.stride());
        Assert.Equal(arange(24f).data<float>().ToArray(), y.data<float>().ToArray());
    }

    [Fact]
    public void A_ResNet_trunk_in_channels_last_or_automatic_computes_what_it_does_in_NCHW()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var trunk = new ResNetBackbone(50, new[] { false, true, true });
        trunk.eval();
        // conv2d everywhere: on this small input layer4's maps (5 x 6) would take the matrix product, which is NCHW.
        Convolution2d.UseFormulation(trunk, ConvolutionFormulation.Direct);
        using (no_grad())
        {
            foreach (var (name, buffer) in trunk.named_buffers())
                if (buffer.is_floating_point()) buffer.uniform_(name.EndsWith("running_var") ? 0.5 : -0.2, name.EndsWith("running_var") ? 1.5 : 0.2);
        }

        Tensor input = randn(1, 3, 37, 45);
        ResNetFeatures nchw, channelsLast;
        var automatic = new System.Collections.Generic.List<Tensor>();
        using (inference_mode())
        {
            // Every convolution chooses: the stem, 16 bottlenecks x 3, and 4 projection shortcuts = 53.
            Assert.Equal(53, MemoryLayouts.Use(trunk, MemoryLayout.AsGiven));
            nchw = trunk.call(input);
            MemoryLayouts.Use(trunk, MemoryLayout.ChannelsLast);
            channelsLast = trunk.call(input);
            // Automatic: the trial calls run the trunk in one layout and then the other, and afterwards each layer
            // keeps its input's layout or converts, so shortcuts may add maps of different layouts.
            MemoryLayouts.Use(trunk, MemoryLayout.Automatic);
            for (int call = 0; call < 2 * LayoutTrials.TrialsPerLayout + 2; call++)
                automatic.Add(trunk.call(input).Layer4);
        }

        Assert.True(IsChannelsLast(channelsLast.Layer4));
        Tensor expected = nchw.Layer4;
        double scale = expected.abs().max().item<float>();
        foreach (Tensor actual in automatic.Prepend(channelsLast.Layer4))
            Assert.True((expected - actual).abs().max().item<float>() <= 1e-4 * scale + 1e-6);
    }
}
