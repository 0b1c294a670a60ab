using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

public sealed class ResizeTests
{
    public ResizeTests() => TorchSetup.Ensure();

    [Fact]
    public void Bilinear_without_aligned_corners_matches_a_hand_calculation()
    {
        // [[0, 1], [2, 3]] to 4x4, align_corners false: output pixel d samples source (d + 0.5) / 2 - 0.5
        // = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1]: columns 0, 0.25, 0.75, 1; rows add 2 * (0, 0.25, 0.75, 1).
        using Tensor x = tensor(new float[] { 0, 1, 2, 3 }, new long[] { 1, 1, 2, 2 });
        using Tensor reference = zeros(1, 3, 4, 4);
        using Tensor resized = Resize.BilinearLike(x, reference);
        using Tensor expected = tensor(new float[]
        {
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f,
        }, new long[] { 1, 1, 4, 4 });
        TensorAssert.Close(expected, resized, 1e-6, "bilinear resize");
    }

    [Fact]
    public void Takes_height_and_width_from_the_reference_only()
    {
        using Tensor x = zeros(2, 21, 9, 11);
        using Tensor reference = zeros(2, 3, 67, 83);
        using Tensor resized = Resize.BilinearLike(x, reference);
        Assert.Equal(new long[] { 2, 21, 67, 83 }, resized.shape);
    }
}
