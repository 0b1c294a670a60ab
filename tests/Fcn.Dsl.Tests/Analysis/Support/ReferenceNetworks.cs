using Fcn.Dsl.Model;

namespace Fcn.Dsl.Tests.Analysis.Support;

/// <summary>
/// The published FCNs (the Caffe reference's voc-fcn*/net.py, torchvision's models/segmentation/fcn.py, and
/// examples/specs) chained by hand from
/// the catalogue, with the reference's layer names.
/// </summary>
internal static class ReferenceNetworks
{
    public const int VocClasses = 21;

    public static NetworkChain Fcn32s() =>
        NetworkChain.FromCatalogue("vgg16", VocClasses)
            .Score("score_fr", "fc7")
            .Upsample("upscore", "score_fr", 32)
            .CropTo("score", "upscore", "input");

    public static NetworkChain Fcn16s() =>
        NetworkChain.FromCatalogue("vgg16", VocClasses)
            .Score("score_fr", "fc7")
            .Upsample("upscore2", "score_fr", 2)
            .Score("score_pool4", "pool4")
            .Sum("fuse_pool4", "upscore2", "score_pool4")
            .Upsample("upscore16", "fuse_pool4", 16)
            .CropTo("score", "upscore16", "input");

    public static NetworkChain Fcn8s() =>
        NetworkChain.FromCatalogue("vgg16", VocClasses)
            .Score("score_fr", "fc7")
            .Upsample("upscore2", "score_fr", 2)
            .Score("score_pool4", "pool4")
            .Sum("fuse_pool4", "upscore2", "score_pool4")
            .Upsample("upscore_pool4", "fuse_pool4", 2)
            .Score("score_pool3", "pool3")
            .Sum("fuse_pool3", "upscore_pool4", "score_pool3")
            .Upsample("upscore8", "fuse_pool3", 8)
            .CropTo("score", "upscore8", "input");

    /// <summary>FCN-8s at-once: the skips scaled by fixed factors before scoring (no parameters, same maps).</summary>
    public static NetworkChain Fcn8sAtOnce() =>
        NetworkChain.FromCatalogue("vgg16", VocClasses)
            .Score("score_fr", "fc7")
            .Upsample("upscore2", "score_fr", 2)
            .Add("scale_pool4", new ScaleOperation(ScalarValue.Literal(0.01)), "pool4")
            .Score("score_pool4", "scale_pool4")
            .Sum("fuse_pool4", "upscore2", "score_pool4")
            .Upsample("upscore_pool4", "fuse_pool4", 2)
            .Add("scale_pool3", new ScaleOperation(ScalarValue.Literal(0.0001)), "pool3")
            .Score("score_pool3", "scale_pool3")
            .Sum("fuse_pool3", "upscore_pool4", "score_pool3")
            .Upsample("upscore8", "fuse_pool3", 8)
            .CropTo("score", "upscore8", "input");

    /// <summary>FCN-AlexNet: one upsampling with the odd 63x63 kernel of the Caffe reference.</summary>
    public static NetworkChain FcnAlexNet() =>
        NetworkChain.FromCatalogue("alexnet", VocClasses)
            .Score("score_fr", "fc7")
            .Upsample("upscore", "score_fr", 32, kernel: 63)
            .CropTo("score", "upscore", "input");

    /// <summary>
    /// A tiny FCN-8s: five conv+pool stages (conv1_1 pads by 16), a 3x3 fc6, skips from pool3 and pool4,
    /// 4 classes; crops 1, 1, 11. This is the earlier shape of examples/specs/tiny-fcn8s.fcn.yaml (now pad 40,
    /// 5x5 fc6, crops 3, 5, 3), kept as is because its numbers come from pytorch_reference.py's tiny_trunk,
    /// which builds this same shape.
    /// </summary>
    public static NetworkChain TinyFcn8s()
    {
        NetworkChain chain = NetworkChain.Input(classes: 4)
            .Conv("conv1_1", 16, kernel: 3, pad: 16).Add("relu1_1", new ReluOperation()).MaxPool("pool1")
            .Conv("conv2_1", 32, kernel: 3, pad: 1).Add("relu2_1", new ReluOperation()).MaxPool("pool2");
        for (int stage = 3; stage <= 5; stage++)
            chain.Conv("conv" + stage + "_1", 64, kernel: 3, pad: 1).Add("relu" + stage + "_1", new ReluOperation()).MaxPool("pool" + stage);
        return chain
            .Conv("fc6", 128, kernel: 3).Add("relu6", new ReluOperation()).Add("drop6", new DropoutOperation(ScalarValue.Literal(0.1)))
            .Conv("fc7", 128, kernel: 1).Add("relu7", new ReluOperation()).Add("drop7", new DropoutOperation(ScalarValue.Literal(0.1)))
            .Score("score_fr", "drop7")
            .Upsample("upscore2", "score_fr", 2)
            .Score("score_pool4", "pool4")
            .Sum("fuse_pool4", "upscore2", "score_pool4")
            .Upsample("upscore_pool4", "fuse_pool4", 2)
            .Score("score_pool3", "pool3")
            .Sum("fuse_pool3", "upscore_pool4", "score_pool3")
            .Upsample("upscore8", "fuse_pool3", 8)
            .CropTo("score", "upscore8", "input");
    }

    /// <summary>torchvision's fcn_resnet50/101: FCNHead on layer4 (and on layer3 for aux), resized to the input.</summary>
    public static NetworkChain FcnResNet(int depth, bool aux, int outputStride = 8)
    {
        NetworkChain chain = NetworkChain.FromCatalogue(depth == 50 ? "resnet50" : "resnet101", VocClasses, outputStride)
            .Add("classifier", Head(2048), "layer4")
            .Add("out_resized", new ResizeOperation("input"), "classifier", "input");
        if (aux)
            chain.Add("aux_classifier", Head(1024), "layer3")
                 .Add("aux_resized", new ResizeOperation("input"), "aux_classifier", "input");
        return chain;
    }

    public static FcnModel FcnResNetModel(int depth, bool aux, int outputStride = 8) =>
        FcnResNet(depth, aux, outputStride).ToModel("out_resized", aux ? "aux_resized" : null);

    /// <summary>FCNHead's inner width is a quarter of its input (torchvision: inter_channels = in_channels // 4).</summary>
    private static FcnHeadOperation Head(int inChannels) =>
        new(ChannelCount.Of(inChannels), inChannels / 4, ChannelCount.Classes, ScalarValue.Literal(0.1));
}
