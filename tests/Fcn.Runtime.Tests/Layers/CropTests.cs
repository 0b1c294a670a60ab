using System;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

public sealed class CropTests
{
    public CropTests() => TorchSetup.Ensure();

    [Fact]
    public void Keeps_the_window_at_the_offset_with_the_references_size()
    {
        // x[0, 0, y, x] = 10*y + x on 6x7; crop 3x4 at offset 2 keeps rows 2..4, columns 2..5.
        using Tensor x = arange(0, 42, dtype: ScalarType.Float32).reshape(1, 1, 6, 7);
        using Tensor grid = x.clone();
        for (int y = 0; y < 6; y++)
            for (int c = 0; c < 7; c++)
                grid[0, 0, y, c] = tensor(10f * y + c);
        using Tensor reference = zeros(1, 5, 3, 4);
        using Tensor cropped = Crop.Like(grid, reference, 2);
        Assert.Equal(new long[] { 1, 1, 3, 4 }, cropped.shape);
        Assert.Equal(22f, cropped[0, 0, 0, 0].item<float>());
        Assert.Equal(45f, cropped[0, 0, 2, 3].item<float>());
    }

    [Fact]
    public void Is_a_view_that_shares_storage()
    {
        using Tensor x = zeros(1, 1, 5, 5);
        using Tensor reference = zeros(1, 1, 2, 2);
        using Tensor cropped = Crop.Like(x, reference, 1);
        cropped.fill_(7f);
        Assert.Equal(7f, x[0, 0, 1, 1].item<float>());
        Assert.Equal(0f, x[0, 0, 0, 0].item<float>());
    }

    [Fact]
    public void A_window_past_the_edge_names_the_sizes()
    {
        using Tensor x = zeros(1, 1, 10, 12);
        using Tensor reference = zeros(1, 3, 8, 8);
        var error = Assert.Throws<ArgumentException>(() => Crop.Like(x, reference, 5));
        Assert.Contains("8x8", error.Message);
        Assert.Contains("offset 5", error.Message);
        Assert.Contains("10x12", error.Message);
    }

    [Fact]
    public void A_negative_offset_is_rejected()
    {
        using Tensor x = zeros(1, 1, 10, 10);
        using Tensor reference = zeros(1, 1, 2, 2);
        Assert.Throws<ArgumentException>(() => Crop.Like(x, reference, -1));
    }
}
