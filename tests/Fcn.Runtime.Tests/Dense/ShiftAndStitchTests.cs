using Fcn.Runtime.Dense;
using Fcn.Runtime.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Dense;

/// <summary>
/// Paper, section 3.2: shift-and-stitch with factor f equals the "rarefied" net, whose strided layer
/// runs with stride 1 and whose following filters are dilated by f (f'_ij = f_{i/s, j/s} if s divides
/// both i and j, else 0). Exactly equal, everywhere, when no layer pads: the shift (dx, dy) drops the
/// first dx columns and dy rows, so every shifted copy sees the same pixels, and nothing else.
/// </summary>
public sealed class ShiftAndStitchTests
{
    public ShiftAndStitchTests() => TorchSetup.Ensure();

    [Theory]
    [InlineData(21, 24)]
    [InlineData(20, 25)]
    public void Equals_the_net_with_the_stride_removed_and_the_next_filter_dilated(int height, int width)
    {
        // Strided net: conv 3x3 (no pad) -> max pool 2x2 stride 2 -> conv 3x3 (no pad); output stride 2.
        // Rarefied net: the same conv -> max pool 2x2 stride 1 -> the same second conv with dilation 2.
        // Sizes: H -> H-2 -> H-3 -> H-3-4 = H-7 for the rarefied net, which is also the prefix that all
        // four shifts cover (for even H=2m: shift 0 gives m-3 rows, reaching 2m-6; shift 1 gives m-4, reaching 2m-7).
        using Conv2d first = nn.Conv2d(3, 4, 3);
        using Conv2d second = nn.Conv2d(4, 5, 3);
        using var strided = nn.Sequential(("conv1", first), ("pool", nn.MaxPool2d(2, stride: 2)), ("conv2", second));
        using Conv2d dilated = nn.Conv2d(4, 5, 3, dilation: 2);
        using (no_grad())
        {
            dilated.weight!.copy_(second.weight!);
            dilated.bias!.copy_(second.bias!);
        }
        using var rarefied = nn.Sequential(("conv1", first), ("pool", nn.MaxPool2d(2, stride: 1)), ("conv2", dilated));

        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(1, 3, height, width);
        using Tensor stitched = ShiftAndStitch.Dense(strided, input, 2);
        using Tensor dense = rarefied.forward(input);

        Assert.Equal(new long[] { 1, 5, height - 7, width - 7 }, dense.shape);
        TensorAssert.Close(dense, stitched, 1e-5, "shift-and-stitch vs rarefied");
    }

    [Fact]
    public void Factor_one_is_the_plain_forward()
    {
        using Conv2d conv = nn.Conv2d(3, 2, 3);
        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(1, 3, 9, 10);
        using Tensor stitched = ShiftAndStitch.Dense(conv, input, 1);
        using Tensor plain = conv.forward(input);
        TensorAssert.Close(plain, stitched, 0, "factor 1");
    }
}
