using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

/// <summary>
/// <see cref="Convolution2d"/> against libtorch's own convolution (<c>torch.nn.functional.conv2d</c>, the
/// reference: what <c>torch.nn.Conv2d</c> computes), in both formulations, forward and backward, on random
/// weights, biases, inputs and upstream gradients, with odd sizes, strides, paddings and dilations.
/// </summary>
public sealed class Convolution2dTests
{
    public Convolution2dTests() => TorchSetup.Ensure();

    /// <summary>in, out, kernel, stride, padding, dilation, bias, batch, height, width.</summary>
    public static IEnumerable<object[]> Shapes() => new[]
    {
        new object[] { 3, 5, 3, 1, 1, 1, true, 2, 9, 7 },
        new object[] { 4, 6, 5, 2, 2, 1, true, 1, 11, 13 },
        new object[] { 6, 4, 3, 1, 0, 2, false, 2, 10, 9 },
        new object[] { 8, 16, 1, 1, 0, 1, true, 3, 5, 4 },    // 1x1: the reshape path
        new object[] { 5, 7, 1, 2, 1, 1, true, 1, 7, 8 },     // 1x1 with stride and padding: unfold
        new object[] { 16, 64, 7, 1, 0, 1, true, 1, 11, 11 }, // fc6's shape, scaled down: 5x5 outputs
        new object[] { 16, 64, 7, 1, 0, 1, true, 2, 7, 7 },   // the kernel covers the map: 1x1 outputs
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Both_formulations_equal_conv2d_forward_and_backward(
        int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, bool bias, int batch, int height, int width)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var convolution = new Convolution2d(inChannels, outChannels, kernel, stride, padding, dilation, bias: bias);
        Tensor input = randn(batch, inChannels, height, width);

        // Reference: libtorch's conv2d on the same weight and bias.
        Tensor referenceInput = input.detach().clone().requires_grad_(true);
        Tensor referenceWeight = convolution.weight.detach().clone().requires_grad_(true);
        Tensor? referenceBias = bias ? convolution.bias!.detach().clone().requires_grad_(true) : null;
        Tensor expected = nn.functional.conv2d(referenceInput, referenceWeight, referenceBias,
            strides: new long[] { stride, stride }, padding: new long[] { padding, padding }, dilation: new long[] { dilation, dilation });
        Tensor upstream = randn_like(expected);
        expected.backward(new[] { upstream });

        foreach (ConvolutionFormulation formulation in new[] { ConvolutionFormulation.Direct, ConvolutionFormulation.MatrixProduct })
        {
            convolution.Formulation = formulation;
            convolution.zero_grad();
            Tensor x = input.detach().clone().requires_grad_(true);
            Tensor actual = convolution.call(x);
            Assert.Equal(expected.shape, actual.shape);
            AssertClose(expected, actual, $"{formulation} output");

            actual.backward(new[] { upstream });
            AssertClose(referenceInput.grad!, x.grad!, $"{formulation} input gradient");
            AssertClose(referenceWeight.grad!, convolution.weight.grad!, $"{formulation} weight gradient");
            if (bias) AssertClose(referenceBias!.grad!, convolution.bias!.grad!, $"{formulation} bias gradient");
        }
    }

    [Fact]
    public void Has_conv2ds_keys_shapes_and_initialization()
    {
        // libtorch's Conv2d (what nn.Conv2d builds) draws Kaiming-uniform(a = sqrt 5) weights, then a
        // uniform bias: the same draws in the same order give the same tensors.
        manual_seed(3);
        using Conv2d reference = nn.Conv2d(6, 10, 3, stride: 2, padding: 1);
        manual_seed(3);
        using var convolution = new Convolution2d(6, 10, 3, stride: 2, padding: 1);

        Dictionary<string, Tensor> expected = reference.state_dict();
        Dictionary<string, Tensor> actual = convolution.state_dict();
        Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
        foreach (string key in expected.Keys)
        {
            Assert.Equal(expected[key].shape, actual[key].shape);
            Assert.True(expected[key].equal(actual[key]).all().item<bool>(), $"{key} differs from nn.Conv2d's initialization");
        }

        using var noBias = new Convolution2d(6, 10, 3, bias: false);
        Assert.Equal(new[] { "weight" }, noBias.state_dict().Keys);
    }

    [Fact]
    public void Loads_conv2d_state_dict_and_keeps_parameters_through_to()
    {
        using Conv2d reference = nn.Conv2d(4, 8, 3);
        using var convolution = new Convolution2d(4, 8, 3);
        convolution.load_state_dict(reference.state_dict());
        Assert.True(convolution.weight.equal(reference.weight!).all().item<bool>());

        // Module.to replaces each parameter through the property of its name; the layer must then compute with the new one.
        TorchSharp.ModuleExtensionMethods.to(convolution, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, convolution.weight.dtype);
        Assert.Equal(ScalarType.Float64, convolution.state_dict()["bias"].dtype);
        using var scope = NewDisposeScope();
        Tensor output = convolution.call(randn(1, 4, 6, 6, dtype: ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, output.dtype);
    }

    [Theory]
    // fc6 of FCN-8s at 128x128: an 11x11 pool5 map, 7x7 kernel: 5x5 = 25 outputs <= 128.
    [InlineData(7, 1, 11, true)]
    // fc6 at 256x256: pool5 is 15x15 ((256 + 198) / 32 rounded up): 9x9 = 81 outputs.
    [InlineData(7, 1, 15, true)]
    // The same at batch 2: 162 outputs > 128.
    [InlineData(7, 2, 15, false)]
    // fc7, 1x1 on fc6's 5x5 output: 25.
    [InlineData(1, 1, 5, true)]
    // A 3x3 layer on a 13x13 map: 11x11 = 121 outputs.
    [InlineData(3, 1, 13, true)]
    // conv3_1 at 128x128: an 82x82 map, 80x80 = 6400 outputs.
    [InlineData(3, 1, 82, false)]
    public void Chooses_the_matrix_product_for_few_output_positions(int kernel, int batch, int size, bool expected)
    {
        // The rule reads only the output positions (and groups), so small channel counts stand in for the real layers'.
        using var convolution = new Convolution2d(4, 8, kernel, bias: false);
        Assert.Equal(expected, convolution.PrefersMatrixProduct(new long[] { batch, 4, size, size }));
    }

    [Fact]
    public void Grouped_convolutions_stay_direct()
    {
        using var convolution = new Convolution2d(8, 8, 3, groups: 4);
        Assert.False(convolution.PrefersMatrixProduct(new long[] { 1, 8, 3, 3 }));
        convolution.Formulation = ConvolutionFormulation.MatrixProduct;
        using var scope = NewDisposeScope();
        Assert.Throws<InvalidOperationException>(() => convolution.call(randn(1, 8, 3, 3)));
    }

    [Fact]
    public void UseFormulation_sets_every_convolution_in_a_model()
    {
        using var model = nn.Sequential(("a", new Convolution2d(3, 4, 3)), ("b", nn.ReLU()), ("c", new Convolution2d(4, 2, 1)));
        Assert.Equal(2, Convolution2d.UseFormulation(model, ConvolutionFormulation.Direct));
        Assert.All(model.modules().OfType<Convolution2d>(), c => Assert.Equal(ConvolutionFormulation.Direct, c.Formulation));
    }

    /// <summary>max |expected - actual| &lt;= 1e-4 * max |expected| (float32 sums in another order).</summary>
    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        double scale = Math.Max(expected.abs().max().item<float>(), 1e-6);
        double difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-4 * scale, $"{what}: max |difference| {difference:G3} against max |expected| {scale:G3}");
    }
}
