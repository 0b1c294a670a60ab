using System;
using System.Linq;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

public sealed class InitializationTests
{
    public InitializationTests() => TorchSetup.Ensure();

    [Fact]
    public void Zeros_clears_weight_and_bias()
    {
        using Conv2d conv = nn.Conv2d(512, 21, 1);
        Initialization.Zeros(conv);
        Assert.Equal(0f, conv.weight!.abs().max().item<float>());
        Assert.Equal(0f, conv.bias!.abs().max().item<float>());
    }

    [Fact]
    public void Normal_draws_weights_with_the_requested_spread_and_zero_bias()
    {
        // 256*256*9 = 589,824 draws: the sample std of N(0, 0.01) is within 1% of 0.01 with
        // overwhelming probability (its relative standard error is 1/sqrt(2n) = 0.09%).
        using Conv2d conv = nn.Conv2d(256, 256, 3);
        Initialization.Normal(conv, 0.01);
        double std = conv.weight!.std().item<float>();
        Assert.InRange(std, 0.0099, 0.0101);
        Assert.Equal(0f, conv.bias!.abs().max().item<float>());
    }

    [Fact]
    public void KaimingNormal_uses_fan_out_and_resets_batch_norm()
    {
        // Fan-out of a 3x3 conv with 256 outputs: 256*9 = 2304; ReLU gain sqrt(2): std = sqrt(2/2304) = 0.029463.
        using Sequential block = nn.Sequential(("0", nn.Conv2d(64, 256, 3, bias: false)), ("1", nn.BatchNorm2d(256)));
        using (no_grad())
        {
            ((BatchNorm2d)block.children().ElementAt(1)).weight!.fill_(3.0);
        }
        Initialization.KaimingNormal(block);
        var conv = (Conv2d)block.children().ElementAt(0);
        var norm = (BatchNorm2d)block.children().ElementAt(1);
        Assert.InRange(conv.weight!.std().item<float>(), 0.029463 * 0.99, 0.029463 * 1.01);
        Assert.Equal(1f, norm.weight!.min().item<float>());
        Assert.Equal(1f, norm.weight!.max().item<float>());
        Assert.Equal(0f, norm.bias!.abs().max().item<float>());
    }

    [Fact]
    public void Bilinear_rejects_a_non_square_kernel()
    {
        using ConvTranspose2d up = nn.ConvTranspose2d(2, 2, (4L, 2L), stride: (2L, 1L));
        Assert.Throws<ArgumentException>(() => Initialization.Bilinear(up));
    }
}
