using System.Collections.Generic;
using CsCheck;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Fcn.Dsl.Tests.Analysis.Support;
using Xunit;

namespace Fcn.Dsl.Tests.Analysis;

/// <summary>
/// Shapes against PyTorch: the reference sizes come from running the same networks in torch 1.13
/// (torchfcn's layout and hard-coded crops; torchvision's FCNs), printed by
/// <c>/usr/bin/python3 tests/Fcn.Dsl.Tests/Analysis/Reference/pytorch_reference.py</c>.
/// </summary>
public class ShapeInferenceTests
{
    [Fact]
    public void Vgg16_at_500x500_has_the_published_sizes()
    {
        // By hand: conv1_1 (3x3, pad 100) 500 -> 698; ceil-mode pools 349, 175, 88, 44, pool5 22; fc6 (7x7) 16.
        ShapeInferenceResult shapes = ShapeInference.Infer(ReferenceNetworks.Fcn32s().ToModel("score"), 500, 500);

        Assert.True(shapes.Succeeded, shapes.Failure);
        Assert.Equal(new SpatialSize(22, 22), shapes.SizeOf("pool5"));
        Assert.Equal(new SpatialSize(16, 16), shapes.SizeOf("score_fr"));
        // (16 - 1)*32 + 64 = 544, cropped at 19 to the input.
        Assert.Equal(new SpatialSize(544, 544), shapes.SizeOf("upscore"));
        Assert.Equal(new SpatialSize(500, 500), shapes.SizeOf("score"));
    }

    [Fact]
    public void Fcn8s_at_97x131_matches_pytorch_node_by_node()
    {
        // torch 1.13, torchfcn FCN8s layout, input 1x3x97x131 (pytorch_reference.py):
        // pool1 148x165, pool3 37x42, pool4 19x21, pool5 10x11, fc7 4x5, upscore2 10x12,
        // upscore_pool4 22x26, upscore8 184x216, score 97x131.
        ShapeInferenceResult shapes = ShapeInference.Infer(ReferenceNetworks.Fcn8s().ToModel("score"), 97, 131);

        Assert.True(shapes.Succeeded, shapes.Failure);
        var expected = new Dictionary<string, SpatialSize>
        {
            ["pool1"] = new(148, 165), ["pool2"] = new(74, 83), ["pool3"] = new(37, 42), ["pool4"] = new(19, 21),
            ["pool5"] = new(10, 11), ["drop7"] = new(4, 5), ["upscore2"] = new(10, 12), ["fuse_pool4"] = new(10, 12),
            ["upscore_pool4"] = new(22, 26), ["fuse_pool3"] = new(22, 26), ["upscore8"] = new(184, 216), ["score"] = new(97, 131),
        };
        foreach (KeyValuePair<string, SpatialSize> node in expected)
            Assert.Equal((node.Key, node.Value), (node.Key, shapes.SizeOf(node.Key)));
    }

    [Fact]
    public void FcnAlexNet_at_500x500_matches_pytorch()
    {
        // torch 1.13: pool1 86x86, pool2 43x43, pool5 21x21, fc7 16x16, upscore (16-1)*32 + 63 = 543x543.
        ShapeInferenceResult shapes = ShapeInference.Infer(ReferenceNetworks.FcnAlexNet().ToModel("score"), 500, 500);

        Assert.Equal(
            new[] { new SpatialSize(86, 86), new(43, 43), new(21, 21), new(16, 16), new(543, 543), new(500, 500) },
            new[] { shapes.SizeOf("pool1"), shapes.SizeOf("pool2"), shapes.SizeOf("pool5"), shapes.SizeOf("drop7"), shapes.SizeOf("upscore"), shapes.SizeOf("score") });
    }

    [Fact]
    public void The_torchvision_backbone_at_224x224_keeps_28x28_at_output_stride_8()
    {
        // torchvision resnet50 with replace_stride_with_dilation [F, T, T] (models/segmentation/fcn.py): conv1
        // and maxpool halve twice, 224 -> 56 at layer1; layer2 strides to 28; layer3 and layer4 dilate: 2048x28x28.
        ShapeInferenceResult shapes = ShapeInference.Infer(ReferenceNetworks.FcnResNetModel(50, aux: true), 224, 224);

        Assert.True(shapes.Succeeded, shapes.Failure);
        Assert.Equal(new SpatialSize(56, 56), shapes.SizeOf("layer1"));
        Assert.Equal(new SpatialSize(28, 28), shapes.SizeOf("layer3"));
        Assert.Equal(new SpatialSize(28, 28), shapes.SizeOf("layer4"));
        Assert.Equal(new SpatialSize(28, 28), shapes.SizeOf("backbone"));
        Assert.Equal(new SpatialSize(224, 224), shapes.SizeOf("out_resized"));
    }

    [Theory]
    [InlineData(32, 7)]
    [InlineData(16, 14)]
    public void Less_dilation_means_a_smaller_layer4(int outputStride, int side)
    {
        // torchvision resnet50 at 224x224: [F, F, F] -> 7x7, [F, F, T] -> 14x14.
        ShapeInferenceResult shapes = ShapeInference.Infer(ReferenceNetworks.FcnResNetModel(50, aux: false, outputStride), 224, 224);

        Assert.Equal(new SpatialSize(side, side), shapes.SizeOf("layer4"));
    }

    [Fact]
    public void The_published_networks_output_the_input_size_at_any_size()
    {
        FcnModel[] models =
        {
            ReferenceNetworks.Fcn32s().ToModel("score"), ReferenceNetworks.Fcn16s().ToModel("score"),
            ReferenceNetworks.Fcn8s().ToModel("score"), ReferenceNetworks.Fcn8sAtOnce().ToModel("score"),
            ReferenceNetworks.FcnAlexNet().ToModel("score"), ReferenceNetworks.FcnResNetModel(101, aux: true),
        };
        Gen.Select(Gen.Int[1, 700], Gen.Int[1, 700]).Sample(size =>
        {
            foreach (FcnModel model in models)
            {
                ShapeInferenceResult shapes = ShapeInference.Infer(model, size.Item1, size.Item2);
                Assert.True(shapes.Succeeded, shapes.Failure);
                Assert.Equal(new SpatialSize(size.Item1, size.Item2), shapes.SizeOf(model.Outputs[0].Node));
            }
        }, iter: 50);
    }

    [Fact]
    public void The_published_networks_work_from_a_single_pixel()
    {
        // The 100-pixel pad lets even a 1x1 input through the Caffe nets, and every padded ResNet layer maps
        // 1 to 1. torch 1.13: torchfcn-layout FCN-8s and FCN-AlexNet (channels scaled down, same shapes) and
        // torchvision fcn_resnet50(aux_loss=True) all return 1x21x1x1 for a 1x3x1x1 input.
        Assert.Equal(1, ShapeInference.SmallestValidInput(ReferenceNetworks.Fcn8s().ToModel("score")));
        Assert.Equal(1, ShapeInference.SmallestValidInput(ReferenceNetworks.FcnAlexNet().ToModel("score")));
        Assert.Equal(1, ShapeInference.SmallestValidInput(ReferenceNetworks.FcnResNetModel(50, aux: true)));
    }

    [Fact]
    public void The_tiny_fcn8s_needs_at_least_51_pixels()
    {
        // torch 1.13, the tiny reference network (pad 16, 3x3 fc6, crops 1, 1, 11; see ReferenceNetworks) built
        // by pytorch_reference.py, tried on every side from 1 up: the first that runs with every crop in bounds is 51.
        FcnModel tiny = ReferenceNetworks.TinyFcn8s().ToModel("score");

        Assert.Equal(51, ShapeInference.SmallestValidInput(tiny));
        Assert.True(ShapeInference.Infer(tiny, 64, 64).Succeeded);
    }

    [Fact]
    public void A_crop_that_leaves_its_source_is_reported_not_thrown()
    {
        // The tiny net at 97x131 (torch 1.13 fails the same way): along the width pool3 is 21 wide but
        // upscore_pool4 is 22, so score_pool3 cannot be cropped at 1 to 22 columns.
        ShapeInferenceResult shapes = ShapeInference.Infer(ReferenceNetworks.TinyFcn8s().ToModel("score"), 97, 131);

        Assert.False(shapes.Succeeded);
        Assert.Equal("fuse_pool3", shapes.FailedNode);
        Assert.Equal("Node 'fuse_pool3' (sum) crops 'score_pool3' (16x21) at offset 1 to 14x22, which does not fit.", shapes.Failure);
    }

    [Fact]
    public void An_empty_layer_is_reported_with_its_input_size()
    {
        // A 7x7 conv without pad on a 5x5 input: floor((5 - 6 - 1)/1) + 1 = -1.
        FcnModel model = NetworkChain.Input(classes: 2).Conv("conv", 8, kernel: 7).ToModel("conv");

        ShapeInferenceResult shapes = ShapeInference.Infer(model, 5, 5);

        Assert.Equal("conv", shapes.FailedNode);
        Assert.Equal("Node 'conv' (conv) would be empty (-1x-1); input 'input' is 5x5.", shapes.Failure);
        Assert.Equal(new[] { new SpatialSize(5, 5) }, shapes.Sizes);
        Assert.Equal(7, ShapeInference.SmallestValidInput(model));
    }

    [Theory]
    // Expected sizes from torch 1.13: nn.MaxPool2d(k, s, p, ceil_mode=c)(torch.zeros(1, 1, n, n)).shape[-1].
    [InlineData(5, 2, 2, 0, true, 3)]  // ceil((5 - 2)/2) + 1 = 3
    [InlineData(5, 2, 2, 0, false, 2)] // floor((5 - 2)/2) + 1 = 2
    [InlineData(6, 3, 2, 1, true, 4)]  // ceil((6 + 2 - 3)/2) + 1 = 4; the last window starts at 6 < 6 + 1
    [InlineData(2, 1, 3, 0, true, 1)]  // ceil((2 - 1)/3) + 1 = 2, but the 2nd window would start at 3 >= 2: 1
    public void Pooling_follows_pytorchs_ceil_rule(long input, int kernel, int stride, int pad, bool ceil, long expected)
    {
        Assert.Equal(expected, OutputSize.Pooling(input, kernel, stride, pad, ceil));
    }
}
