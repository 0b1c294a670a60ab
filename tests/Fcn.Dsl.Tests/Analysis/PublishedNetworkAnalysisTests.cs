using System.Linq;
using Fcn.Dsl.Model;
using Fcn.Dsl.Tests.Analysis.Support;
using Xunit;

namespace Fcn.Dsl.Tests.Analysis;

/// <summary>
/// The published FCNs, chained from the catalogue and analysed node by node, must reproduce the
/// reference's crop offsets and parameter counts.
/// </summary>
/// <remarks>
/// Crop offsets: the Caffe reference (shelhamer/fcn.berkeleyvision.org), whose coord_map wrote them into
/// each net's train.prototxt as "crop_param { axis: 2 offset: N }": voc-fcn32s score 19; voc-fcn16s
/// score_pool4c 5, score 27; voc-fcn8s score_pool4c 5, score_pool3c 9, score 31; voc-fcn-alexnet score 18.
/// Parameter counts at 21 classes, by hand from the layer shapes of the Caffe nets (voc-fcn*/net.py;
/// a conv has out*in/groups*k*k weights plus out biases, an upsampling 21*21*k*k weights and no bias):
/// <list type="bullet">
/// <item>VGG16 trunk conv1_1..conv5_3: 14,714,688 (torchvision's vgg16 features); fc6 4096*512*7*7 + 4096
/// = 102,764,544; fc7 4096*4096 + 4096 = 16,781,312; score_fr 4096*21 + 21 = 86,037; together 134,346,581.</item>
/// <item>FCN-32s: + upscore 21*21*64*64 = 1,806,336 -> 136,152,917.</item>
/// <item>FCN-16s: + score_pool4 512*21 + 21 = 10,773, upscore2 21*21*4*4 = 7,056, upscore16 21*21*32*32
/// = 451,584 -> 134,815,994 (upsampling 458,640).</item>
/// <item>FCN-8s (and at-once, whose scales are fixed constants): + score_pool4 10,773, score_pool3 256*21 + 21
/// = 5,397, upscore2 and upscore_pool4 7,056 each, upscore8 21*21*16*16 = 112,896 -> 134,489,759
/// (upsampling 127,008).</item>
/// <item>FCN-AlexNet (voc-fcn-alexnet/net.py: conv2, conv4, conv5 in 2 groups): conv1 96*3*11*11 + 96 =
/// 34,944; conv2 256*48*5*5 + 256 = 307,456; conv3 384*256*3*3 + 384 = 885,120; conv4 384*192*3*3 + 384 =
/// 663,936; conv5 256*192*3*3 + 256 = 442,624; fc6 4096*256*6*6 + 4096 = 37,752,832; fc7 16,781,312;
/// score_fr 86,037; upscore 21*21*63*63 = 1,750,329 -> 58,704,590.</item>
/// <item>FCN-ResNet50/101: torchvision's models/segmentation/fcn.py, "num_params": 35322218 (fcn_resnet50,
/// with the aux head) and 54314346 (fcn_resnet101); without the aux head, 35,322,218 - 2,365,205
/// (1024*256*9 + 2*256 + 256*21 + 21) = 32,957,013.</item>
/// </list>
/// </remarks>
public class PublishedNetworkAnalysisTests
{
    [Fact]
    public void Fcn32s_crops_its_upsampled_scores_at_19()
    {
        NetworkChain net = ReferenceNetworks.Fcn32s();

        Assert.Equal(19, CropOf(net, "score"));
        Assert.Equal(new Rational(1), net["score"].Stride);
        Assert.Equal(Rational.Zero, net["score"].Offset);
    }

    [Fact]
    public void Fcn16s_fuses_pool4_at_5_and_crops_at_27()
    {
        NetworkChain net = ReferenceNetworks.Fcn16s();

        Assert.Equal(new[] { 0, 5 }, FusionOffsets(net, "fuse_pool4"));
        Assert.Equal(27, CropOf(net, "score"));
    }

    [Fact]
    public void Fcn8s_fuses_pool4_at_5_and_pool3_at_9_and_crops_at_31()
    {
        NetworkChain net = ReferenceNetworks.Fcn8s();

        Assert.Equal(new[] { 0, 5 }, FusionOffsets(net, "fuse_pool4"));
        Assert.Equal(new[] { 0, 9 }, FusionOffsets(net, "fuse_pool3"));
        Assert.Equal(31, CropOf(net, "score"));
    }

    [Fact]
    public void Fcn8s_at_once_scales_change_no_offset_and_no_parameter_count()
    {
        NetworkChain net = ReferenceNetworks.Fcn8sAtOnce();

        Assert.Equal(new[] { 0, 5 }, FusionOffsets(net, "fuse_pool4"));
        Assert.Equal(new[] { 0, 9 }, FusionOffsets(net, "fuse_pool3"));
        Assert.Equal(31, CropOf(net, "score"));
        Assert.Equal(134_489_759, net.TotalParameters);
    }

    [Fact]
    public void FcnAlexNet_crops_its_odd_kernel_upsampling_at_18()
    {
        Assert.Equal(18, CropOf(ReferenceNetworks.FcnAlexNet(), "score"));
    }

    [Fact]
    public void Vgg16_stages_have_the_published_strides()
    {
        NetworkChain net = ReferenceNetworks.Fcn32s();

        Assert.Equal(new Rational(2), net["pool1"].Stride);
        Assert.Equal(new Rational(8), net["pool3"].Stride);
        Assert.Equal(new Rational(16), net["pool4"].Stride);
        Assert.Equal(new Rational(32), net["pool5"].Stride);
        Assert.Equal(new Rational(32), net["fc7"].Stride);
    }

    [Fact]
    public void Vgg16_offsets_follow_the_coordinate_map_by_hand()
    {
        NetworkChain net = ReferenceNetworks.Fcn32s();

        // conv1_1 (k3, p100): 0 + 1*(1 - 100) = -99; conv1_2 (k3, p1) keeps it; pool1 (k2 s2): -99 + 1*(1/2) = -98.5.
        Assert.Equal(new Rational(-197, 2), net["pool1"].Offset);
        // pool2..pool5 each add half their input stride: -98.5 + 1 + 2 + 4 + 8 = -83.5; fc6 (k7, p0): + 32*3 = 12.5.
        Assert.Equal(new Rational(-167, 2), net["pool5"].Offset);
        Assert.Equal(new Rational(25, 2), net["fc7"].Offset);
        // upscore (k64 s32 p0): 12.5 + 32*(0 - 63/2)/32 = -19, hence the crop of 19.
        Assert.Equal(new Rational(-19), net["upscore"].Offset);
    }

    [Fact]
    public void Receptive_fields_match_the_paper()
    {
        // Paper, Table 1: receptive field 404 (VGG16) and 355 (AlexNet), both at fc7.
        Assert.Equal(404, ReferenceNetworks.Fcn32s()["fc7"].ReceptiveField);
        Assert.Equal(355, ReferenceNetworks.FcnAlexNet()["fc7"].ReceptiveField);
    }

    [Fact]
    public void Fcn32s_has_the_published_parameter_count()
    {
        NetworkChain net = ReferenceNetworks.Fcn32s();

        Assert.Equal(136_152_917, net.TotalParameters);
        Assert.Equal(1_806_336, UpsamplingParameters(net));
    }

    [Fact]
    public void Fcn16s_has_the_published_parameter_count()
    {
        NetworkChain net = ReferenceNetworks.Fcn16s();

        Assert.Equal(134_815_994, net.TotalParameters);
        Assert.Equal(458_640, UpsamplingParameters(net));
    }

    [Fact]
    public void Fcn8s_has_the_published_parameter_count()
    {
        NetworkChain net = ReferenceNetworks.Fcn8s();

        Assert.Equal(134_489_759, net.TotalParameters);
        Assert.Equal(127_008, UpsamplingParameters(net));
    }

    [Fact]
    public void FcnAlexNet_has_the_published_parameter_count()
    {
        NetworkChain net = ReferenceNetworks.FcnAlexNet();

        Assert.Equal(58_704_590, net.TotalParameters);
        Assert.Equal(1_750_329, UpsamplingParameters(net));
    }

    [Fact]
    public void FcnResNet_has_the_torchvision_parameter_counts()
    {
        Assert.Equal(35_322_218, ReferenceNetworks.FcnResNet(50, aux: true).TotalParameters);
        Assert.Equal(32_957_013, ReferenceNetworks.FcnResNet(50, aux: false).TotalParameters);
        Assert.Equal(54_314_346, ReferenceNetworks.FcnResNet(101, aux: true).TotalParameters);
    }

    [Fact]
    public void Parameter_counts_follow_the_class_count()
    {
        // FCN-32s with 2 classes instead of 21: score_fr 4096*2+2 = 8,194 instead of 4096*21+21 = 86,037,
        // upscore 2*2*64*64 = 16,384 instead of 1,806,336; the trunk's 136,152,917 - 86,037 - 1,806,336
        // = 134,260,544 is unchanged.
        NetworkChain net = NetworkChain.FromCatalogue("vgg16", classes: 2)
            .Score("score_fr", "fc7").Upsample("upscore", "score_fr", 32).CropTo("score", "upscore", "input");

        Assert.Equal(134_260_544 + 8_194 + 16_384, net.TotalParameters);
    }

    private static int CropOf(NetworkChain net, string node) =>
        ((CropOperation)net.Nodes.Single(n => n.Name == node).Operation).Offset;

    private static int[] FusionOffsets(NetworkChain net, string node) =>
        ((SumOperation)net.Nodes.Single(n => n.Name == node).Operation).CropOffsets.ToArray();

    private static long UpsamplingParameters(NetworkChain net) =>
        net.Nodes.Where(n => n.Operation is UpsampleOperation).Sum(n => n.Analysis.Parameters);
}
