using System;
using System.Linq;
using Fcn.Runtime.Backbones;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Backbones;

public sealed class ResNetBackboneTests
{
    public ResNetBackboneTests() => TorchSetup.Ensure();

    [Theory]
    [InlineData(50, "fcn-resnet50")]
    [InlineData(101, "fcn-resnet101")]
    public void Keys_and_shapes_equal_torchvisions_segmentation_backbone(int depth, string reference)
    {
        // torchvision's fcn_resnet{50,101} state dict, "backbone." entries, in order (num_batches_tracked included).
        var expected = Fixtures.ReadModel(reference).Keys
            .Where(k => k.Key.StartsWith("backbone.", StringComparison.Ordinal))
            .Select(k => (k.Key.Substring("backbone.".Length), string.Join(",", k.Shape)))
            .OrderBy(k => k.Item1, StringComparer.Ordinal)
            .ToArray();
        using var backbone = new ResNetBackbone(depth, new[] { false, true, true });
        // TorchSharp lists all parameters before all buffers, PyTorch module by module: compare as sets.
        var actual = backbone.state_dict().Select(e => (e.Key, string.Join(",", e.Value.shape))).OrderBy(k => k.Key, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ResNet50_has_the_ImageNet_trunks_parameter_count()
    {
        // torchvision fcn.py ("num_params": 35322218): FCN-ResNet50 with aux = backbone + classifier 9,448,981
        // (2048*512*9 + 2*512 + 512*21 + 21) + aux 2,365,205 (1024*256*9 + 2*256 + 256*21 + 21);
        // backbone 23,508,032 (= ResNet-50's 25,557,032 less its fc 2048*1000 + 1000).
        using var backbone = new ResNetBackbone(50, new[] { false, true, true });
        Assert.Equal(23_508_032L, backbone.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Dilated_stages_keep_stride_eight()
    {
        // 67x83: conv1 stride 2 -> 34x42, maxpool -> 17x21, layer2 stride 2 -> 9x11, layer3/4 dilated -> 9x11.
        using var backbone = new ResNetBackbone(50, new[] { false, true, true });
        backbone.eval();
        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(1, 3, 67, 83);
        ResNetFeatures features = backbone.forward(input);
        Assert.Equal(new long[] { 1, 256, 17, 21 }, features.Layer1.shape);
        Assert.Equal(new long[] { 1, 512, 9, 11 }, features.Layer2.shape);
        Assert.Equal(new long[] { 1, 1024, 9, 11 }, features.Layer3.shape);
        Assert.Equal(new long[] { 1, 2048, 9, 11 }, features.Layer4.shape);
    }

    [Fact]
    public void Without_dilation_the_last_stage_has_stride_thirty_two()
    {
        // 64x64 halves five times: layer4 is 2x2.
        using var backbone = new ResNetBackbone(50, new[] { false, false, false });
        backbone.eval();
        using var noGrad = no_grad();
        using Tensor input = zeros(1, 3, 64, 64);
        ResNetFeatures features = backbone.forward(input);
        Assert.Equal(new long[] { 1, 2048, 2, 2 }, features.Layer4.shape);
    }

    [Fact]
    public void Unsupported_depths_and_flag_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetBackbone(34, new[] { false, true, true }));
        Assert.Throws<ArgumentException>(() => new ResNetBackbone(50, new[] { true }));
    }
}
