using CsCheck;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Analysis;

public class CoordinateMapTests
{
    private static readonly Gen<(int Kernel, int Stride, int Pad)> Windows =
        from kernel in Gen.Int[1, 16]
        from stride in Gen.Int[1, 8]
        from pad in Gen.Int[0, 8]
        select (kernel, stride, pad);

    [Fact]
    public void A_padded_3x3_conv_keeps_the_grid_and_widens_the_field_by_2()
    {
        // offset 0 + 1*((3-1)/2 - 1) = 0; field 1 + 2*1 = 3.
        Assert.Equal(new CoordinateMap(1, 0, 3), CoordinateMap.Identity.ThenWindow(kernel: 3, stride: 1, pad: 1, dilation: 1));
    }

    [Fact]
    public void A_2x2_pool_moves_the_origin_half_a_pixel()
    {
        // Output pixel 0 covers input pixels 0 and 1, centred at 0.5: offset 0 + 1*(1/2 - 0).
        Assert.Equal(new CoordinateMap(2, new Rational(1, 2), 2), CoordinateMap.Identity.ThenWindow(kernel: 2, stride: 2, pad: 0, dilation: 1));
    }

    [Fact]
    public void A_dilated_conv_spans_its_effective_kernel()
    {
        // At stride 8: k3, dilation 2, pad 2 keeps the centre (2*2/2 - 2 = 0) and spans 2*(3-1) = 4 steps of 8 pixels.
        var stride8 = new CoordinateMap(8, 0, 35);
        Assert.Equal(new CoordinateMap(8, 0, 35 + 4 * 8), stride8.ThenWindow(kernel: 3, stride: 1, pad: 2, dilation: 2));
    }

    [Fact]
    public void A_transposed_conv_divides_the_stride()
    {
        // k4 s2 p1 at stride 2, offset 0: stride 1, offset 0 + 2*(1 - 3/2)/2 = -1/2;
        // each output pixel receives ceil(4/2) = 2 inputs, widening the field by 1 step of 2 pixels.
        var stride2 = new CoordinateMap(2, 0, 10);
        Assert.Equal(new CoordinateMap(1, new Rational(-1, 2), 12), stride2.ThenTransposed(kernel: 4, stride: 2, pad: 1));
    }

    [Fact]
    public void An_odd_kernel_upsampling_receives_up_to_two_inputs_per_output()
    {
        // FCN-AlexNet's upscore (k63 s32) on fc7 (stride 32, offset 13, field 355): stride 1, offset
        // 13 + 32*(0 - 62/2)/32 = -18; an output pixel receives ceil(63/32) = 2 inputs: field 355 + 1*32.
        var fc7 = new CoordinateMap(32, 13, 355);
        Assert.Equal(new CoordinateMap(1, -18, 387), fc7.ThenTransposed(kernel: 63, stride: 32, pad: 0));
    }

    [Fact]
    public void A_transposed_conv_undoes_the_grid_of_the_conv_it_mirrors()
    {
        // Caffe defines the deconvolution's coord_map as the inverse of the convolution's.
        Windows.Sample(window =>
        {
            CoordinateMap down = CoordinateMap.Identity.ThenWindow(window.Kernel, window.Stride, window.Pad, dilation: 1);
            CoordinateMap up = down.ThenTransposed(window.Kernel, window.Stride, window.Pad);
            Assert.Equal(Rational.One, up.Stride);
            Assert.Equal(Rational.Zero, up.Offset);
        });
    }

    [Fact]
    public void Before_undoes_Then()
    {
        var outer = new CoordinateMap(new Rational(1, 2), new Rational(-7, 2), 13);
        Windows.Sample(window =>
        {
            CoordinateMap local = CoordinateMap.Identity.ThenWindow(window.Kernel, window.Stride, window.Pad, dilation: 1);
            Assert.Equal(outer, outer.Then(local).Before(local));
        });
    }

    [Fact]
    public void A_crop_shifts_the_origin_by_whole_steps()
    {
        // At stride 16, offset -11.5, keeping x[5:] moves the origin by 5*16 pixels.
        var map = new CoordinateMap(16, new Rational(-23, 2), 100);
        Assert.Equal(new CoordinateMap(16, new Rational(-23, 2) + 80, 100), map.ThenShift(5));
    }
}
