using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

public sealed class UpsamplingTests
{
    public UpsamplingTests() => TorchSetup.Ensure();

    [Fact]
    public void Kernel_4_is_the_outer_product_of_quarter_three_quarters()
    {
        // The Caffe reference's surgery.py upsample_filt: k=4 -> factor 2, center 1.5, 1-D profile
        // 1 - |x - 1.5|/2 = [0.25, 0.75, 0.75, 0.25].
        using ConvTranspose2d up = Upsampling.Transposed(1, 4, 2, 0, bias: false, learnable: true);
        double[] p = { 0.25, 0.75, 0.75, 0.25 };
        var expected = new float[16];
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
                expected[y * 4 + x] = (float)(p[y] * p[x]);
        using Tensor reference = tensor(expected, new long[] { 1, 1, 4, 4 });
        TensorAssert.Close(reference, up.weight!, 0, "bilinear k=4");
    }

    [Fact]
    public void Kernel_3_is_the_outer_product_of_half_one_half()
    {
        // k=3 -> factor 2, center 1 (odd): profile [0.5, 1, 0.5]; corner 0.25, edge 0.5, center 1.
        using ConvTranspose2d up = Upsampling.Transposed(1, 3, 2, 0, bias: false, learnable: true);
        using Tensor reference = tensor(new float[] { 0.25f, 0.5f, 0.25f, 0.5f, 1f, 0.5f, 0.25f, 0.5f, 0.25f }, new long[] { 1, 1, 3, 3 });
        TensorAssert.Close(reference, up.weight!, 0, "bilinear k=3");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(63)]
    [InlineData(64)]
    public void KernelEqualsThePyTorchPortsGetUpsamplingWeight(int kernel)
    {
        // bilinear-k{k}.bin is torchfcn's get_upsampling_weight(2, 2, k), run by make_fixtures.py:
        // the filter on the channel diagonal and zeros off it, computed in float64 then cast.
        using Tensor reference = Fixtures.ReadTensor($"bilinear-k{kernel}.bin");
        using ConvTranspose2d up = Upsampling.Transposed(2, kernel, kernel / 2, 0, bias: false, learnable: true);
        TensorAssert.Close(reference, up.weight!, 0, $"bilinear k={kernel}");
    }

    [Fact]
    public void Fixed_upsampling_freezes_its_weight_and_has_no_bias()
    {
        using ConvTranspose2d up = Upsampling.Transposed(21, 64, 32, 0, bias: false, learnable: false);
        Assert.False(up.weight!.requires_grad);
        Assert.Null(up.bias);
        Assert.Equal(new long[] { 21, 21, 64, 64 }, up.weight.shape);
    }

    [Fact]
    public void Learnable_upsampling_with_bias_starts_at_zero_bias()
    {
        using ConvTranspose2d up = Upsampling.Transposed(3, 4, 2, 1, bias: true, learnable: true);
        Assert.True(up.weight!.requires_grad);
        Assert.Equal(0f, up.bias!.abs().max().item<float>());
    }

    [Fact]
    public void Upsamples_a_constant_map_to_the_same_constant_in_the_interior()
    {
        // Bilinear interpolation reproduces constants. A 4/2 transposed conv on 5 pixels gives (5-1)*2+4 = 12;
        // output o receives input i through tap o - 2i in 0..3. Outputs 2..9 get two taps, 0.25 + 0.75 = 1;
        // outputs 0, 1, 10, 11 get one tap only (0.25 or 0.75), so the check covers 2..9.
        using ConvTranspose2d up = Upsampling.Transposed(2, 4, 2, 0, bias: false, learnable: false);
        using Tensor input = full(new long[] { 1, 2, 5, 5 }, 3.0f);
        using Tensor output = up.forward(input);
        Assert.Equal(new long[] { 1, 2, 12, 12 }, output.shape);
        using Tensor interior = output.narrow(2, 2, 8).narrow(3, 2, 8);
        using Tensor three = full_like(interior, 3.0f);
        TensorAssert.Close(three, interior, 1e-6, "interior");
    }
}
