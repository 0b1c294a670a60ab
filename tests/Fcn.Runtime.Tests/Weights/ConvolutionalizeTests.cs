using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fcn.Runtime.Backbones;
using Fcn.Runtime.Tests.Support;
using Fcn.Runtime.Weights;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Weights;

public sealed class ConvolutionalizeTests
{
    // torchvision vgg16's features indices of its 13 convolutions (ReLUs and pools in between).
    private static readonly int[] FeatureConvolutions = { 0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28 };

    public ConvolutionalizeTests() => TorchSetup.Ensure();

    /// <summary>A VGG16-named FCN with narrow layers: two channels everywhere, fc6 7x7 and fc7 1x1 to eight.</summary>
    private sealed class NarrowVggFcn : nn.Module<Tensor, Tensor>
    {
        private readonly ModuleDict<Conv2d> layers;

        public NarrowVggFcn() : base(nameof(NarrowVggFcn))
        {
            layers = new ModuleDict<Conv2d>();
            string[] names = { "conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3", "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3" };
            for (int i = 0; i < names.Length; i++) layers.Add((names[i], nn.Conv2d(i == 0 ? 3 : 2, 2, 3, padding: 1)));
            layers.Add(("fc6", nn.Conv2d(2, 8, 7)));
            layers.Add(("fc7", nn.Conv2d(8, 8, 1)));
            layers.Add(("score_fr", nn.Conv2d(8, 21, 1)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => throw new NotSupportedException();
    }

    /// <summary>A torchvision-VGG16-shaped state dict for the narrow net, every tensor filled with its own index.</summary>
    private static Dictionary<string, Tensor> NarrowImageNetVgg16()
    {
        var stateDict = new Dictionary<string, Tensor>();
        for (int i = 0; i < FeatureConvolutions.Length; i++)
        {
            string prefix = "features." + FeatureConvolutions[i].ToString(CultureInfo.InvariantCulture);
            stateDict[prefix + ".weight"] = full(new long[] { 2, i == 0 ? 3 : 2, 3, 3 }, (float)i);
            stateDict[prefix + ".bias"] = full(new long[] { 2 }, 100f + i);
        }
        stateDict["classifier.0.weight"] = arange(0, 8 * 2 * 7 * 7, dtype: ScalarType.Float32).reshape(8, 98);
        stateDict["classifier.0.bias"] = full(new long[] { 8 }, 6f);
        stateDict["classifier.3.weight"] = arange(0, 64, dtype: ScalarType.Float32).reshape(8, 8);
        stateDict["classifier.3.bias"] = full(new long[] { 8 }, 7f);
        stateDict["classifier.6.weight"] = zeros(1000, 8);
        stateDict["classifier.6.bias"] = zeros(1000);
        return stateDict;
    }

    [Fact]
    public void Vgg16_features_load_in_order_and_the_classifier_is_reshaped()
    {
        using var model = new NarrowVggFcn();
        Dictionary<string, Tensor> imageNet = NarrowImageNetVgg16();
        WeightLoadReport report = Convolutionalize.FromImageNetVgg16(model, imageNet);

        Dictionary<string, Tensor> loaded = model.state_dict();
        // features.14 is the 7th convolution (index 6): conv3_3.
        Assert.Equal(6f, loaded["layers.conv3_3.weight"].max().item<float>());
        Assert.Equal(6f, loaded["layers.conv3_3.weight"].min().item<float>());
        Assert.Equal(112f, loaded["layers.conv5_3.bias"][0].item<float>());
        // fc6 [8, 2, 7, 7] is classifier.0 [8, 98] row-major: element (o, c, y, x) = o*98 + c*49 + y*7 + x.
        Assert.Equal(1 * 98 + 1 * 49 + 2 * 7 + 3, loaded["layers.fc6.weight"][1, 1, 2, 3].item<float>());
        Assert.Equal(5 * 8 + 6, loaded["layers.fc7.weight"][5, 6, 0, 0].item<float>());
        Assert.Equal(7f, loaded["layers.fc7.bias"][0].item<float>());

        Assert.Equal(30, report.Loaded.Count);
        Assert.Equal(new[] { "layers.score_fr.weight", "layers.score_fr.bias" }, report.Missing);
        Assert.Equal(new[] { "classifier.6.bias", "classifier.6.weight" }, report.Dropped);
        foreach (Tensor tensor in imageNet.Values) tensor.Dispose();
    }

    [Fact]
    public void A_state_dict_without_thirteen_convolutions_is_rejected()
    {
        using var model = new NarrowVggFcn();
        var stateDict = new Dictionary<string, Tensor> { ["features.0.weight"] = zeros(2, 3, 3, 3) };
        Assert.Throws<ArgumentException>(() => Convolutionalize.FromImageNetVgg16(model, stateDict));
    }

    /// <summary>A model holding the backbone under the spec's name, as the generated FcnResNet50 does.</summary>
    private sealed class WithBackbone : nn.Module<Tensor, Tensor>
    {
        private readonly ResNetBackbone backbone;
        private readonly Conv2d classifier;

        public WithBackbone() : base(nameof(WithBackbone))
        {
            backbone = new ResNetBackbone(50, new[] { false, true, true });
            classifier = nn.Conv2d(2048, 21, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => throw new NotSupportedException();
    }

    [Fact]
    public void ResNet_ImageNet_keys_go_under_the_backbone_and_fc_is_dropped()
    {
        // An ImageNet ResNet-50 state dict: the trunk's own keys (conv1.*, bn1.*, layerN.*) plus fc.*.
        using var trunk = new ResNetBackbone(50, new[] { false, false, false });
        using (no_grad()) trunk.state_dict()["layer4.2.bn3.running_var"].fill_(3.0);
        var imageNet = trunk.state_dict().ToDictionary(e => e.Key, e => e.Value);
        imageNet["fc.weight"] = zeros(1000, 2048);
        imageNet["fc.bias"] = zeros(1000);

        using var model = new WithBackbone();
        WeightLoadReport report = Convolutionalize.FromImageNetResNet(model, imageNet);

        Assert.Equal(trunk.state_dict().Count, report.Loaded.Count); // 318 = 334 less 8 + 8 head keys
        Assert.Equal(318, report.Loaded.Count);
        Assert.Equal(new[] { "classifier.weight", "classifier.bias" }, report.Missing);
        Assert.Equal(new[] { "fc.bias", "fc.weight" }, report.Dropped);
        Assert.Equal(3f, model.state_dict()["backbone.layer4.2.bn3.running_var"].min().item<float>());
    }
}
