using System.Linq;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Catalogue;

/// <summary>The written-out trunk against torchvision's module structure.</summary>
public class ResNetTrunkTests
{
    private static ResNetOperation Trunk(int depth, params bool[] dilation) => new(depth, dilation.ToEquatableArray());

    [Fact]
    public void ResNet50_has_torchvisions_53_convolutions()
    {
        // torchvision resnet50: conv1 + 16 bottlenecks * 3 + 4 downsample projections = 53 Conv2d modules
        // (python: sum(isinstance(m, nn.Conv2d) for m in resnet50().modules()) -> 53).
        var layers = ResNetTrunk.Layers(Trunk(50, false, false, false), 3);

        Assert.Equal(53, layers.Count(layer => layer.Kind == TrunkLayerKind.Convolution));
        Assert.Equal(4, layers.Count(layer => layer.IsShortcut));
    }

    [Fact]
    public void ResNet101_has_23_blocks_in_layer3()
    {
        // Bottlenecks [3, 4, 23, 3]: 33 blocks * 3 + conv1 + 4 projections = 104 convolutions.
        var layers = ResNetTrunk.Layers(Trunk(101, false, false, false), 3);

        Assert.Equal(104, layers.Count(layer => layer.Kind == TrunkLayerKind.Convolution));
        Assert.Equal(23 * 3 + 1, layers.Count(layer => layer.Stage == 3));
    }

    [Fact]
    public void Dilated_stages_give_up_their_stride_and_dilate_from_their_second_block()
    {
        // torchvision _make_layer(dilate=True): the first block keeps the previous dilation, the rest use
        // dilation *= stride. Output stride 8: layer3 3x3s dilate 1, 2, 2, ...; layer4 2, 4, 4.
        var threeByThree = ResNetTrunk.Layers(Trunk(50, false, true, true), 3).Where(layer => layer.Kernel == 3 && layer.Stage > 0).ToList();

        Assert.Equal(new[] { 1, 2, 2, 2, 2, 2 }, threeByThree.Where(layer => layer.Stage == 3).Select(layer => layer.Dilation));
        Assert.Equal(new[] { 2, 4, 4 }, threeByThree.Where(layer => layer.Stage == 4).Select(layer => layer.Dilation));
        Assert.All(threeByThree.Where(layer => layer.Stage >= 3), layer => Assert.Equal((1, layer.Dilation), (layer.Stride, layer.Pad)));
    }

    [Fact]
    public void Each_stage_ends_once_with_its_channel_count()
    {
        var ends = ResNetTrunk.Layers(Trunk(50, false, false, false), 3).Where(layer => layer.EndsStage).ToList();

        Assert.Equal(new[] { 1, 2, 3, 4 }, ends.Select(layer => layer.Stage));
        Assert.Equal(new[] { 256, 512, 1024, 2048 }, ends.Select(layer => layer.OutChannels));
    }
}
