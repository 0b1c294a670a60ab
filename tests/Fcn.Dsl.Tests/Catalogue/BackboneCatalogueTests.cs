using System.Linq;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Catalogue;

public class BackboneCatalogueTests
{
    private static readonly BackboneOptions Stride32 = new("backbone", 32);

    [Fact]
    public void The_catalogue_lists_its_four_backbones()
    {
        Assert.Equal(new[] { "vgg16", "alexnet", "resnet50", "resnet101" }, BackboneCatalogue.Names);
    }

    [Fact]
    public void Every_listed_name_expands()
    {
        foreach (string name in BackboneCatalogue.Names)
            Assert.True(BackboneCatalogue.TryExpand(name, Stride32, 3, out _, out string? error), error);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        Assert.False(BackboneCatalogue.TryExpand("vgg19", Stride32, 3, out CatalogueBackbone? backbone, out string? error));
        Assert.Null(backbone);
        Assert.Equal("Unknown backbone 'vgg19'; the catalogue has vgg16, alexnet, resnet50, resnet101.", error);
    }

    [Fact]
    public void Vgg16_has_the_torchfcn_layer_names_in_order()
    {
        CatalogueBackbone vgg = Expand("vgg16");

        string[] expected =
        {
            "conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1",
            "conv2_1", "relu2_1", "conv2_2", "relu2_2", "pool2",
            "conv3_1", "relu3_1", "conv3_2", "relu3_2", "conv3_3", "relu3_3", "pool3",
            "conv4_1", "relu4_1", "conv4_2", "relu4_2", "conv4_3", "relu4_3", "pool4",
            "conv5_1", "relu5_1", "conv5_2", "relu5_2", "conv5_3", "relu5_3", "pool5",
            "fc6", "relu6", "drop6", "fc7", "relu7", "drop7",
        };
        Assert.Equal(expected, vgg.Layers.Select(layer => layer.Name));
        Assert.All(vgg.Layers, layer => Assert.True(layer.Inputs.IsEmpty));
    }

    [Fact]
    public void Vgg16_pads_its_first_conv_by_100_and_reads_the_input_channels()
    {
        CatalogueBackbone vgg = Expand("vgg16", inputChannels: 4);

        var conv1 = (ConvOperation)Layer(vgg, "conv1_1");
        Assert.Equal((ChannelCount.Of(4), ChannelCount.Of(64), 3, 100), (conv1.In, conv1.Out, conv1.Kernel, conv1.Pad));
        var conv2 = (ConvOperation)Layer(vgg, "conv1_2");
        Assert.Equal((ChannelCount.Of(64), 1), (conv2.In, conv2.Pad));
    }

    [Fact]
    public void Vgg16_pools_round_up_and_fc6_is_a_7x7_conv()
    {
        CatalogueBackbone vgg = Expand("vgg16");

        Assert.Equal(new PoolOperation(PoolKind.Max, 2, 2, 0, true), Layer(vgg, "pool3"));
        var fc6 = (ConvOperation)Layer(vgg, "fc6");
        Assert.Equal((ChannelCount.Of(512), ChannelCount.Of(4096), 7, 0), (fc6.In, fc6.Out, fc6.Kernel, fc6.Pad));
        Assert.Equal(new DropoutOperation(ScalarValue.Literal(0.5)), Layer(vgg, "drop7"));
    }

    [Fact]
    public void Vgg16_taps_the_pools_and_fc7_after_its_dropout()
    {
        Assert.Equal(
            new[] { ("pool1", "pool1"), ("pool2", "pool2"), ("pool3", "pool3"), ("pool4", "pool4"), ("pool5", "pool5"), ("fc7", "drop7") },
            Expand("vgg16").Taps.Select(tap => (tap.Name, tap.Layer)));
    }

    [Theory]
    [InlineData("vgg16", 16)]
    [InlineData("vgg16", 8)]
    [InlineData("alexnet", 16)]
    public void Caffe_backbones_exist_only_at_output_stride_32(string name, int outputStride)
    {
        Assert.False(BackboneCatalogue.TryExpand(name, new BackboneOptions("backbone", outputStride), 3, out _, out string? error));
        Assert.Equal("Backbone '" + name + "' supports only output_stride 32, not " + outputStride + ".", error);
    }

    [Fact]
    public void AlexNet_keeps_the_caffe_layers_and_grouping()
    {
        CatalogueBackbone alexnet = Expand("alexnet");

        Assert.Equal(
            new[]
            {
                "conv1", "relu1", "pool1", "norm1", "conv2", "relu2", "pool2", "norm2", "conv3", "relu3",
                "conv4", "relu4", "conv5", "relu5", "pool5", "fc6", "relu6", "drop6", "fc7", "relu7", "drop7",
            },
            alexnet.Layers.Select(layer => layer.Name));
        var conv1 = (ConvOperation)Layer(alexnet, "conv1");
        Assert.Equal((11, 4, 100, 1), (conv1.Kernel, conv1.Stride, conv1.Pad, conv1.Groups));
        Assert.Equal(new[] { 2, 1, 2, 2 }, new[] { "conv2", "conv3", "conv4", "conv5" }.Select(name => ((ConvOperation)Layer(alexnet, name)).Groups));
        Assert.Equal(new PoolOperation(PoolKind.Max, 3, 2, 0, true), Layer(alexnet, "pool5"));
        Assert.Equal(new LocalResponseNormOperation(5, 1e-4, 0.75, 1), Layer(alexnet, "norm2"));
        Assert.Equal(6, ((ConvOperation)Layer(alexnet, "fc6")).Kernel);
        Assert.Equal(new[] { "pool1", "pool2", "pool5", "fc7" }, alexnet.Taps.Select(tap => tap.Name));
        Assert.Equal("drop7", alexnet.Taps.Single(tap => tap.Name == "fc7").Layer);
    }

    [Theory]
    [InlineData(32, false, false, false)]
    [InlineData(16, false, false, true)]
    [InlineData(8, false, true, true)]
    public void ResNet_dilates_its_last_stages_for_the_output_stride(int outputStride, bool layer2, bool layer3, bool layer4)
    {
        CatalogueBackbone resnet = Expand("resnet50", outputStride: outputStride);

        Assert.Equal(new ResNetOperation(50, new[] { layer2, layer3, layer4 }.ToEquatableArray()), resnet.Layers[0].Operation);
    }

    [Fact]
    public void ResNet_is_one_named_module_read_through_four_taps()
    {
        CatalogueBackbone resnet = Expand("resnet101", moduleName: "encoder");

        Assert.Equal(new[] { "encoder", "layer1", "layer2", "layer3", "layer4" }, resnet.Layers.Select(layer => layer.Name));
        Assert.Equal(101, ((ResNetOperation)resnet.Layers[0].Operation).Depth);
        Assert.True(resnet.Layers[0].Inputs.IsEmpty);
        Assert.All(resnet.Layers.Skip(1), layer =>
        {
            Assert.Equal(new TapOperation(layer.Name), layer.Operation);
            Assert.Equal(new[] { "encoder" }, layer.Inputs);
        });
        Assert.Equal(new[] { "layer1", "layer2", "layer3", "layer4" }, resnet.Taps.Select(tap => tap.Layer));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(64)]
    public void ResNet_refuses_other_output_strides(int outputStride)
    {
        Assert.False(BackboneCatalogue.TryExpand("resnet50", new BackboneOptions("backbone", outputStride), 3, out _, out string? error));
        Assert.Equal("Backbone 'resnet50' supports output_stride 32, 16 or 8, not " + outputStride + ".", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("layer2")]
    public void ResNet_needs_a_module_name_that_is_not_a_feature(string moduleName)
    {
        Assert.False(BackboneCatalogue.TryExpand("resnet50", new BackboneOptions(moduleName, 8), 3, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Expansion_is_deterministic_and_value_equal()
    {
        // The generator caches on equality: expanding twice must give equal values.
        Assert.Equal(Expand("vgg16"), Expand("vgg16"));
        Assert.Equal(Expand("resnet50", outputStride: 8), Expand("resnet50", outputStride: 8));
    }

    private static CatalogueBackbone Expand(string name, int outputStride = 32, string moduleName = "backbone", int inputChannels = 3)
    {
        Assert.True(BackboneCatalogue.TryExpand(name, new BackboneOptions(moduleName, outputStride), inputChannels, out CatalogueBackbone? backbone, out string? error), error);
        return backbone!;
    }

    private static NodeOperation Layer(CatalogueBackbone backbone, string name) =>
        backbone.Layers.Single(layer => layer.Name == name).Operation;
}
