using Fcn.Dsl.Model;
using Fcn.Dsl.Tests.Analysis.Support;
using Xunit;

namespace Fcn.Dsl.Tests.Analysis;

/// <summary>The ResNet trunk node and its stage taps, against torchvision and hand calculations.</summary>
public class ResNetAnalysisTests
{
    [Theory]
    // /usr/bin/python3 -c "import torchvision; m = torchvision.models.resnet50(weights=None);
    //   print(sum(p.numel() for n, p in m.named_parameters() if not n.startswith('fc.')))"
    //   -> 23508032 (torch 1.13, torchvision 0.14); resnet101 -> 42500160. Dilation changes no parameter.
    [InlineData("resnet50", 32, 23_508_032)]
    [InlineData("resnet50", 8, 23_508_032)]
    [InlineData("resnet101", 16, 42_500_160)]
    public void The_trunk_has_torchvisions_parameter_count(string name, int outputStride, long parameters)
    {
        NetworkChain net = NetworkChain.FromCatalogue(name, classes: 21, outputStride);

        Assert.Equal(parameters, net["backbone"].Parameters);
        Assert.Equal(parameters, net.TotalParameters);
    }

    [Fact]
    public void A_four_channel_input_only_widens_conv1()
    {
        // conv1 is 7*7*in*64: one more input channel adds 3,136 parameters.
        NetworkChain net = NetworkChain.FromCatalogue("resnet50", classes: 21, inputChannels: 4);

        Assert.Equal(23_508_032 + 3_136, net.TotalParameters);
    }

    [Theory]
    [InlineData(32, 4, 8, 16, 32)]
    [InlineData(16, 4, 8, 16, 16)]
    [InlineData(8, 4, 8, 8, 8)]
    public void Taps_have_the_stage_strides_of_the_output_stride(int outputStride, int layer1, int layer2, int layer3, int layer4)
    {
        NetworkChain net = NetworkChain.FromCatalogue("resnet50", classes: 21, outputStride);

        Assert.Equal(new Rational(layer1), net["layer1"].Stride);
        Assert.Equal(new Rational(layer2), net["layer2"].Stride);
        Assert.Equal(new Rational(layer3), net["layer3"].Stride);
        Assert.Equal(new Rational(layer4), net["layer4"].Stride);
        Assert.Equal(net["layer4"].Stride, net["backbone"].Stride);
    }

    [Fact]
    public void Taps_have_the_stage_channels_and_no_parameters_of_their_own()
    {
        NetworkChain net = NetworkChain.FromCatalogue("resnet101", classes: 21);

        Assert.Equal(ChannelCount.Of(256), net["layer1"].Channels);
        Assert.Equal(ChannelCount.Of(512), net["layer2"].Channels);
        Assert.Equal(ChannelCount.Of(1024), net["layer3"].Channels);
        Assert.Equal(ChannelCount.Of(2048), net["layer4"].Channels);
        Assert.Equal(0, net["layer3"].Parameters);
    }

    [Fact]
    public void Every_resnet_stage_stays_centred_on_the_input_grid()
    {
        // conv1 (k7 p3): 3 - 3 = 0; maxpool (k3 p1): 1 - 1 = 0; every 3x3 pads by its dilation: d - d = 0.
        NetworkChain net = NetworkChain.FromCatalogue("resnet50", classes: 21, outputStride: 8);

        for (int stage = 1; stage <= 4; stage++)
            Assert.Equal(Rational.Zero, net["layer" + stage].Offset);
    }

    [Fact]
    public void Receptive_fields_grow_with_the_blocks()
    {
        // conv1 k7: 7 (stride 2); maxpool k3: 7 + 2*2 = 11 (stride 4); layer1's three 3x3 at stride 4:
        // 11 + 3*2*4 = 35. layer2 (output stride 32): first 3x3 at stride 4 then three at stride 8:
        // 35 + 2*4 + 3*2*8 = 91.
        NetworkChain net = NetworkChain.FromCatalogue("resnet50", classes: 21, outputStride: 32);

        Assert.Equal(35, net["layer1"].ReceptiveField);
        Assert.Equal(91, net["layer2"].ReceptiveField);
    }

    [Fact]
    public void Dilation_widens_the_field_as_much_as_the_stride_did()
    {
        // Replacing a stride by dilation keeps every 3x3's span in input pixels, so layer4 sees the same field.
        Assert.Equal(
            NetworkChain.FromCatalogue("resnet50", classes: 21, outputStride: 32)["layer4"].ReceptiveField,
            NetworkChain.FromCatalogue("resnet50", classes: 21, outputStride: 8)["layer4"].ReceptiveField);
    }
}
