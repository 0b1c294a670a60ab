using System;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Tests.Analysis.Support;
using Xunit;

namespace Fcn.Dsl.Tests.Analysis;

/// <summary>
/// FLOPs (2 per multiply-add) against multiply-adds counted in torch 1.13 by forward hooks on every
/// Conv2d (<c>output.numel() * in/groups * k*k</c>) and ConvTranspose2d (<c>input.numel() * out * k*k</c>),
/// printed by <c>/usr/bin/python3 tests/Fcn.Dsl.Tests/Analysis/Reference/pytorch_reference.py</c>.
/// </summary>
public class ModelCostTests
{
    [Fact]
    public void FcnResNet50_matches_torchvisions_published_count()
    {
        // torchvision's models/segmentation/fcn.py publishes "_ops": 152.717 (GFLOPS) for fcn_resnet50, which
        // are multiply-adds at its 520x520 eval size: the hook count of fcn_resnet50(aux_loss=True) on
        // 1x3x520x520 (pytorch_reference.py) is 152,716,512,000.
        Assert.Equal(2 * 152_716_512_000L, ModelCost.Flops(ReferenceNetworks.FcnResNetModel(50, aux: true), 520, 520));
    }

    [Fact]
    public void FcnResNet101_matches_torchvisions_published_count()
    {
        // torchvision fcn.py: "_ops": 232.738 for fcn_resnet101; hook count on 1x3x520x520 (pytorch_reference.py):
        // 232,737,606,400.
        Assert.Equal(2 * 232_737_606_400L, ModelCost.Flops(ReferenceNetworks.FcnResNetModel(101, aux: true), 520, 520));
    }

    [Fact]
    public void Fcn32s_at_500x500_matches_pytorch()
    {
        // torchfcn-layout FCN-32s, 1x3x500x500, hooks: 181,365,854,976 multiply-adds.
        Assert.Equal(2 * 181_365_854_976L, ModelCost.Flops(ReferenceNetworks.Fcn32s().ToModel("score"), 500, 500));
    }

    [Fact]
    public void Fcn8s_at_97x131_matches_pytorch()
    {
        // torchfcn-layout FCN-8s, 1x3x97x131, hooks: 32,664,231,936 multiply-adds.
        Assert.Equal(2 * 32_664_231_936L, ModelCost.Flops(ReferenceNetworks.Fcn8s().ToModel("score"), 97, 131));
    }

    [Fact]
    public void FcnAlexNet_counts_grouped_convolutions_per_group()
    {
        // Caffe-layout FCN-AlexNet (groups 2 on conv2, conv4, conv5), 1x3x500x500, hooks: 21,424,487,968.
        Assert.Equal(2 * 21_424_487_968L, ModelCost.Flops(ReferenceNetworks.FcnAlexNet().ToModel("score"), 500, 500));
    }

    [Fact]
    public void The_tiny_fcn8s_counts_its_class_channels_at_the_models_class_count()
    {
        // The tiny reference network (pad 16, 3x3 fc6; 4 classes) in pytorch_reference.py, 1x3x64x64, hooks:
        // 31,799,232 multiply-adds.
        Assert.Equal(2 * 31_799_232L, ModelCost.Flops(ReferenceNetworks.TinyFcn8s().ToModel("score"), 64, 64));
    }

    [Fact]
    public void An_input_the_model_cannot_take_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCost.Flops(ReferenceNetworks.TinyFcn8s().ToModel("score"), 97, 131));

        Assert.StartsWith("Node 'fuse_pool3' (sum) crops 'score_pool3'", error.Message);
    }
}
