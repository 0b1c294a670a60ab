using System.Linq;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Language;

/// <summary>
/// The reference zoo beyond VOC (shelhamer/fcn.berkeleyvision.org: nyud-fcn32s-color-d/net.py,
/// nyud-fcn32s-color-hha/net.py, siftflow-fcn8s/net.py, pascalcontext-fcn8s/net.py) compiles to the
/// reference's names and shapes. Parameter counts are worked out by hand from the layer shapes below.
/// </summary>
public sealed class ZooSpecTests
{
    private static readonly SpecCompilation Compilation = ExampleCompilation.CompileAll(new SpecOptions("Examples"));

    /// <summary>
    /// The VGG16 trunk from conv1_1 to fc7 on 3 input channels (weights k*k*in*out, plus out biases):
    /// conv1_1 1,792; conv1_2 36,928; conv2_1 73,856; conv2_2 147,584; conv3_1 295,168; conv3_2 and conv3_3
    /// 590,080 each; conv4_1 1,180,160; conv4_2, conv4_3 and conv5_1..conv5_3 2,359,808 each;
    /// fc6 7*7*512*4096 + 4096 = 102,764,544; fc7 4096*4096 + 4096 = 16,781,312. Total 134,260,544.
    /// </summary>
    private const long Vgg16Trunk = 134_260_544;

    private static FcnModel Model(string typeName) => Compilation.Models.Single(model => model.TypeName == typeName);

    private static Node NodeOf(FcnModel model, string name) => model.Nodes.Single(node => node.Name == name);

    [Fact]
    public void Late_fusion_has_two_suffixed_streams_averaged_with_coefficients()
    {
        FcnModel model = Model("NyudFcn32sColorHha");
        Assert.Equal(new[] { "color", "hha" }, model.InputNodes.Select(node => node.Name));
        Assert.Equal(6, model.InputChannels);
        foreach (string stream in new[] { "color", "hha" })
        {
            // Caffe's modality_fcn names every layer with the modality appended, no separator.
            Assert.Equal(new[] { stream }, NodeOf(model, "conv1_1" + stream).Inputs.ToArray());
            Assert.Equal(new[] { "drop7" + stream }, NodeOf(model, "score_fr" + stream).Inputs.ToArray());
            Assert.Equal(ChannelCount.Of(3), Assert.IsType<ConvOperation>(NodeOf(model, "conv1_1" + stream).Operation).In);
        }
        var fused = Assert.IsType<SumOperation>(NodeOf(model, "score_fused").Operation);
        Assert.Equal(new[] { 0.5, 0.5 }, fused.Coefficients.ToArray());
        Assert.Equal(19, Assert.IsType<CropOperation>(NodeOf(model, "score").Operation).Offset);
        // Two trunks, two score_fr (4096*40 + 40 = 163,880 each), one upscore without bias (40*40*64*64 = 6,553,600).
        Assert.Equal(2 * Vgg16Trunk + 2 * 163_880 + 6_553_600, model.TotalParameters);
    }

    [Fact]
    public void Early_fusion_reads_a_four_channel_concatenation_through_conv1_1_bgrd()
    {
        FcnModel model = Model("NyudFcn32sColorD");
        Assert.Equal(new[] { "color", "depth" }, model.InputNodes.Select(node => node.Name));
        Assert.IsType<ConcatOperation>(NodeOf(model, "data").Operation);
        Assert.Equal(new[] { "color", "depth" }, NodeOf(model, "data").Inputs.ToArray());
        var conv = Assert.IsType<ConvOperation>(NodeOf(model, "conv1_1_bgrd").Operation);
        Assert.Equal((ChannelCount.Of(4), ChannelCount.Of(64), 100), (conv.In, conv.Out, conv.Pad));
        Assert.DoesNotContain(model.Nodes, node => node.Name == "conv1_1");
        Assert.Equal(new[] { "conv1_1_bgrd" }, NodeOf(model, "relu1_1").Inputs.ToArray());
        Assert.Equal("data", Assert.IsType<CropOperation>(NodeOf(model, "score").Operation).Reference);
        // The trunk's conv1_1 gains one input channel: 64 * 3 * 3 = 576 weights more.
        Assert.Equal(Vgg16Trunk + 576 + 163_880 + 6_553_600, model.TotalParameters);
    }

    [Fact]
    public void Single_modality_nets_take_their_input_by_name()
    {
        Assert.Equal("hha", Assert.Single(Model("NyudFcn32sHha").InputNodes).Name);
        Assert.Equal("color", Assert.IsType<CropOperation>(NodeOf(Model("NyudFcn32sColor"), "score").Operation).Reference);
        Assert.Equal(40, Model("NyudFcn32sHha").Classes);
    }

    [Fact]
    public void Sift_flow_heads_take_their_class_counts_from_the_outputs_they_feed()
    {
        FcnModel model = Model("SiftFlowFcn8s");
        Assert.Equal(new[] { ("sem", (int?)33), ("geo", (int?)3) }, model.Outputs.Select(o => (o.Name, o.Classes)));
        Assert.Equal(33, model.Classes);
        foreach ((string task, int classes) in new[] { ("sem", 33), ("geo", 3) })
            foreach (string node in new[] { "score_fr", "upscore2", "score_pool4", "fuse_pool4", "upscore_pool4", "score_pool3", "fuse_pool3", "upscore8", "score" })
            {
                ChannelCount channels = NodeOf(model, node + "_" + task).Analysis.Channels;
                Assert.Equal(ChannelCount.ClassesOf(task), channels);
                Assert.Equal(classes, channels.Evaluate(model.ClassCounts));
            }
        // sem: score_fr 4096*33+33 = 135,201; upscore2 and upscore_pool4 33*33*4*4 = 17,424 each; score_pool4
        // 512*33+33 = 16,929; score_pool3 256*33+33 = 8,481; upscore8 33*33*16*16 = 278,784: 474,243.
        // geo: 12,291 + 2 * 144 + 1,539 + 771 + 2,304 = 17,193.
        Assert.Equal(Vgg16Trunk + 474_243 + 17_193, model.TotalParameters);
    }

    [Fact]
    public void Pascal_context_is_voc_fcn8s_with_sixty_classes()
    {
        FcnModel model = Model("PascalContextFcn8s");
        Assert.Equal(60, model.Classes);
        Assert.Equal(
            Model("Fcn8s").Nodes.Select(node => node.Name),
            model.Nodes.Select(node => node.Name));
        // score_fr 4096*60+60 = 245,820; upscore2, upscore_pool4 60*60*16 = 57,600 each; score_pool4 30,780;
        // score_pool3 15,420; upscore8 60*60*256 = 921,600: 1,328,820.
        Assert.Equal(Vgg16Trunk + 1_328_820, model.TotalParameters);
    }
}
