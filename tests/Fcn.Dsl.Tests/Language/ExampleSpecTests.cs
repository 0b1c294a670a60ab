using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Dsl.Tests.Language;

/// <summary>
/// The example specs are the language's contract: they compile with no diagnostic at all (the
/// generator's consumers build with warnings as errors), give the published key structure, and the
/// crop offsets of the Caffe reference come out of the computation (its train.prototxt files).
/// </summary>
public sealed class ExampleSpecTests
{
    private static readonly SpecCompilation Compilation = ExampleCompilation.CompileAll(new SpecOptions("Examples"));

    private static FcnModel Model(string typeName) => Compilation.Models.Single(model => model.TypeName == typeName);

    private static Node NodeOf(FcnModel model, string name) => model.Nodes.Single(node => node.Name == name);

    [Fact]
    public void Every_example_compiles_without_any_diagnostic()
    {
        Assert.Empty(Compilation.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(
            new[]
            {
                "Fcn16s", "Fcn32s", "Fcn8s", "Fcn8sAtOnce", "FcnAlexNet", "FcnResNet101", "FcnResNet50",
                "NyudFcn32sColor", "NyudFcn32sColorD", "NyudFcn32sColorHha", "NyudFcn32sHha",
                "PascalContextFcn16s", "PascalContextFcn32s", "PascalContextFcn8s",
                "SiftFlowFcn16s", "SiftFlowFcn32s", "SiftFlowFcn8s", "TinyFcn8s",
            },
            Compilation.Models.Select(model => model.TypeName).OrderBy(name => name, System.StringComparer.Ordinal));
    }

    [Theory]
    // Published crop offsets: shelhamer/fcn.berkeleyvision.org voc-fcn32s, voc-fcn16s, voc-fcn8s, voc-fcn8s-atonce
    // and voc-fcn-alexnet train.prototxt, "crop_param { axis: 2 offset: N }" of the final score crop.
    [InlineData("Fcn32s", "score", 19)]
    [InlineData("Fcn16s", "score", 27)]
    [InlineData("Fcn8s", "score", 31)]
    [InlineData("Fcn8sAtOnce", "score", 31)]
    [InlineData("FcnAlexNet", "score", 18)]
    // The zoo beyond VOC uses the same trunk, so the same offsets (the coord_map crops of
    // shelhamer/fcn.berkeleyvision.org's nyud-*, siftflow-* and pascalcontext-* net.py).
    [InlineData("NyudFcn32sColor", "score", 19)]
    [InlineData("NyudFcn32sColorD", "score", 19)]
    [InlineData("NyudFcn32sColorHha", "score", 19)]
    [InlineData("SiftFlowFcn32s", "score_geo", 19)]
    [InlineData("SiftFlowFcn16s", "score_sem", 27)]
    [InlineData("SiftFlowFcn8s", "score_sem", 31)]
    [InlineData("SiftFlowFcn8s", "score_geo", 31)]
    [InlineData("PascalContextFcn8s", "score", 31)]
    public void Final_crop_offsets_match_the_reference(string typeName, string node, int offset)
    {
        FcnModel model = Model(typeName);
        var crop = Assert.IsType<CropOperation>(NodeOf(model, node).Operation);
        // Cropped to the image: the (first) input, or the concatenation of inputs an early-fusion net reads ('data').
        Node reference = NodeOf(model, crop.Reference);
        Assert.True(reference.Operation is InputOperation || reference.Inputs.All(input => NodeOf(model, input).Operation is InputOperation), crop.Reference);
        Assert.Equal(offset, crop.Offset);
    }

    [Theory]
    // The head reads taps by the spec's names; VGG16's tap fc7 is the output of drop7 (after fc7's ReLU
    // and dropout, as in the PyTorch port's forward), and the generator names feature maps after taps.
    [InlineData("Fcn32s", "fc7=drop7")]
    [InlineData("Fcn8s", "pool3=pool3 pool4=pool4 fc7=drop7")]
    [InlineData("FcnResNet50", "layer3=layer3 layer4=layer4")]
    public void Read_taps_keep_the_names_the_spec_uses(string typeName, string expected)
    {
        Assert.Equal(
            expected.Split(' ').OrderBy(t => t, System.StringComparer.Ordinal),
            Model(typeName).Taps.Select(tap => tap.Name + "=" + tap.Node).OrderBy(t => t, System.StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Fcn16s", "fuse_pool4", 5)]
    [InlineData("Fcn8s", "fuse_pool4", 5)]
    [InlineData("Fcn8s", "fuse_pool3", 9)]
    [InlineData("Fcn8sAtOnce", "fuse_pool4", 5)]
    [InlineData("Fcn8sAtOnce", "fuse_pool3", 9)]
    public void Fusion_crop_offsets_match_the_reference(string typeName, string node, int offset)
    {
        var sum = Assert.IsType<SumOperation>(NodeOf(Model(typeName), node).Operation);
        Assert.Equal(new[] { 0, offset }, sum.CropOffsets.ToArray());
    }

    [Theory]
    // Module (field) names = state-dict prefixes of the PyTorch port; with weight+bias per conv and
    // weight only per upsampling: FCN-32s 16 convs * 2 + upscore = 33; FCN-16s 17 * 2 + 2 = 36; FCN-8s 18 * 2 + 3
    // = 39, as in tests/fixtures/fcn32s.keys.json, fcn16s.keys.json and fcn8s.keys.json (make_fixtures.py).
    [InlineData("Fcn32s", 33, "score_fr upscore")]
    [InlineData("Fcn16s", 36, "score_fr upscore2 score_pool4 upscore16")]
    [InlineData("Fcn8s", 39, "score_fr upscore2 score_pool4 upscore_pool4 score_pool3 upscore8")]
    [InlineData("Fcn8sAtOnce", 39, "score_fr upscore2 score_pool4 upscore_pool4 score_pool3 upscore8")]
    public void Vgg_heads_have_the_published_state_dict_keys(string typeName, int keys, string headModules)
    {
        FcnModel model = Model(typeName);
        var expectedHead = headModules.Split(' ');
        Assert.Equal(expectedHead.OrderBy(n => n), model.Nodes.Where(n => n.Group == NodeGroup.Head && HasWeights(n)).Select(n => n.Name).OrderBy(n => n));
        int count = model.Nodes.Sum(node => node.Operation switch
        {
            ConvOperation conv => conv.Bias ? 2 : 1,
            UpsampleOperation up => up.Bias ? 2 : 1,
            _ => 0,
        });
        Assert.Equal(keys, count);
        Assert.Equal(new[] { new ModelOutput("out", "score") }, model.Outputs.ToArray());
    }

    [Fact]
    public void Nodes_are_in_topological_order_starting_with_the_input()
    {
        foreach (FcnModel model in Compilation.Models)
        {
            // The inputs come first, in declaration order ('input' alone unless the spec declares several).
            Assert.IsType<InputOperation>(model.Nodes[0].Operation);
            Assert.Equal(model.InputNodes, model.Nodes.Take(model.InputNodes.Count));
            var seen = new HashSet<string>();
            foreach (Node node in model.Nodes)
            {
                Assert.All(node.Inputs, input => Assert.Contains(input, seen));
                Assert.True(seen.Add(node.Name), model.TypeName + ": duplicate " + node.Name);
            }
        }
    }

    [Fact]
    public void At_once_scales_the_skips_before_scoring_them()
    {
        FcnModel model = Model("Fcn8sAtOnce");
        Assert.Equal(new ScalarValue(0.01, null), Assert.IsType<ScaleOperation>(NodeOf(model, "scale_pool4").Operation).Factor);
        Assert.Equal(new ScalarValue(0.0001, null), Assert.IsType<ScaleOperation>(NodeOf(model, "scale_pool3").Operation).Factor);
        Assert.Equal(new[] { "scale_pool4" }, NodeOf(model, "score_pool4").Inputs.ToArray());
        Assert.Equal(new[] { "pool4" }, NodeOf(model, "scale_pool4").Inputs.ToArray());
        Assert.Equal(new[] { "scale_pool3" }, NodeOf(model, "score_pool3").Inputs.ToArray());
    }

    [Fact]
    public void Fcn16s_removes_the_32x_upsampling_and_re_points_the_crop()
    {
        FcnModel model = Model("Fcn16s");
        Assert.DoesNotContain(model.Nodes, node => node.Name == "upscore");
        Assert.Equal(new[] { "upscore16" }, NodeOf(model, "score").Inputs.ToArray());
        var upscore16 = Assert.IsType<UpsampleOperation>(NodeOf(model, "upscore16").Operation);
        // factor 16: kernel 2 * 16 = 32, stride 16, no bias, bilinear (voc-fcn16s/net.py: upscore16 kernel_size=32, stride=16).
        Assert.Equal(new UpsampleOperation(ChannelCount.Classes, 16, 32, 16, 0, false, InitKind.Bilinear, true), upscore16);
    }

    [Fact]
    public void Vgg_taps_read_the_dropout_after_fc7_and_score_layers_start_at_zero()
    {
        FcnModel model = Model("Fcn32s");
        Node scoreFr = NodeOf(model, "score_fr");
        Assert.Equal(new[] { "drop7" }, scoreFr.Inputs.ToArray());
        var conv = Assert.IsType<ConvOperation>(scoreFr.Operation);
        Assert.Equal(new ConvOperation(ChannelCount.Of(4096), ChannelCount.Classes, 1, 1, 0, 1, 1, true, InitKind.Zeros, ScalarValue.Literal(0.01), true), conv);
        // The FCN keeps pool5, fc6, fc7 and their relus and dropouts although only drop7 is read.
        Assert.Contains(model.Nodes, node => node.Name == "fc6");
        Assert.Equal("Examples", model.Namespace);
        Assert.Equal("fcn32s.fcn.yaml", model.SpecFile);
        Assert.Equal("FCN-32s on VGG16, a single 32x upsampling from fc7's class scores.", model.Description);
        Assert.Equal("1x1, zero-initialized", scoreFr.Documentation);
    }

    [Fact]
    public void AlexNet_keeps_the_explicit_odd_kernel()
    {
        var upscore = Assert.IsType<UpsampleOperation>(NodeOf(Model("FcnAlexNet"), "upscore").Operation);
        Assert.Equal((32, 63, 32), (upscore.Factor, upscore.Kernel, upscore.Stride));
    }

    [Fact]
    public void ResNets_keep_only_the_taps_they_read_and_the_torchvision_names()
    {
        foreach ((string type, int depth) in new[] { ("FcnResNet50", 50), ("FcnResNet101", 101) })
        {
            FcnModel model = Model(type);
            // Backbone first (the trunk, then its read stages in catalogue order), then the head as written.
            Assert.Equal(
                new[] { "input", "backbone", "layer3", "layer4", "classifier", "out_resized", "aux_classifier", "aux_resized" },
                model.Nodes.Select(node => node.Name));
            var trunk = Assert.IsType<ResNetOperation>(NodeOf(model, "backbone").Operation);
            Assert.Equal(depth, trunk.Depth);
            // output_stride 8 (inherited by ResNet101): torchvision's replace_stride_with_dilation [F, T, T].
            Assert.Equal(new[] { false, true, true }, trunk.Dilation.ToArray());
            Assert.Equal(new TapOperation("layer3"), NodeOf(model, "layer3").Operation);
            // FCNHead on 2048 channels narrows to 512 (inter_channels = in_channels // 4); the aux head on 1024 to
            // 256 (torchvision models/segmentation/fcn.py).
            Assert.Equal(new FcnHeadOperation(ChannelCount.Of(2048), 512, ChannelCount.Classes, ScalarValue.Literal(0.1)), NodeOf(model, "classifier").Operation);
            Assert.Equal(new FcnHeadOperation(ChannelCount.Of(1024), 256, ChannelCount.Classes, ScalarValue.Literal(0.1)), NodeOf(model, "aux_classifier").Operation);
            Assert.Equal(new[] { new ModelOutput("out", "out_resized"), new ModelOutput("aux", "aux_resized") }, model.Outputs.ToArray());
        }
    }

    [Fact]
    public void Tiny_network_expands_its_repeat_and_reads_its_parameter()
    {
        FcnModel model = Model("TinyFcn8s");
        string text = ExampleSpecs.Text("tiny-fcn8s.fcn.yaml");
        Assert.Equal(4, model.Classes);
        Assert.Equal("dropout", Assert.Single(model.Parameters).Name);
        // The repeat (times 3, start 3) yields stages 3, 4, 5 in order, between pool2 and fc6.
        string[] backbone = model.Nodes.Where(n => n.Group == NodeGroup.Backbone).Select(n => n.Name).ToArray();
        string[] expected = { "pool2", "conv3_1", "relu3_1", "pool3", "conv4_1", "relu4_1", "pool4", "conv5_1", "relu5_1", "pool5", "fc6" };
        Assert.Equal(expected, backbone.Where(expected.Contains));
        Assert.Equal(new DropoutOperation(new ScalarValue(0.1, "dropout")), NodeOf(model, "drop7").Operation);
        Assert.Equal(new[] { "drop7" }, NodeOf(model, "score_fr").Inputs.ToArray());
        // Documentation is the comment at the end of the node's line, as written in the file.
        string conv1Line = text.Split('\n').Single(line => line.Contains("name: conv1_1"));
        Assert.Equal(conv1Line.Substring(conv1Line.IndexOf('#') + 1).Trim(), NodeOf(model, "conv1_1").Documentation);
        Assert.Equal(new ChannelCount(0, 64), NodeOf(model, "pool5").Analysis.Channels);
        Assert.Equal(new Rational(32), NodeOf(model, "pool5").Analysis.Stride);
        Assert.Equal(Rational.One, NodeOf(model, "score").Analysis.Stride);
    }

    [Fact]
    public void Inherited_spec_without_description_uses_its_leading_comment_else_its_parent()
    {
        const string child = "# A child documented by its comment.\nmodel: Child\nextends: Fcn32s\n";
        var files = ExampleCompilation.ParseAll().Append(SpecCompiler.Parse("child.fcn.yaml", child)).ToList();
        SpecCompilation compilation = SpecCompiler.Compile(files, SpecOptions.Default);
        Assert.Empty(compilation.Diagnostics);
        Assert.Equal("A child documented by its comment.", compilation.Models.Single(m => m.TypeName == "Child").Description);
    }

    [Fact]
    public void Canonical_spec_is_deterministic_and_ignores_comments_and_layout()
    {
        FcnModel model = Model("Fcn8s");
        string canonical = model.CanonicalSpec;
        Assert.StartsWith("model: Fcn8s\n", canonical);
        Assert.DoesNotContain("#", canonical);
        Assert.DoesNotContain("extends", canonical);
        Assert.Contains("  - { name: score, op: crop, from: upscore8, to: input }\n", canonical);
        Assert.Equal(canonical, ExampleCompilation.CompileAll(new SpecOptions("Examples")).Models.Single(m => m.TypeName == "Fcn8s").CanonicalSpec);

        // The same spec in block style with comments compiles to an equal model.
        string reformatted = ExampleSpecs.Text("fcn32s.fcn.yaml")
            .Replace("classes: 21", "# the VOC classes\nclasses:   21   # with background");
        var files = ExampleSpecs.Names.Where(name => name != "fcn32s.fcn.yaml").Select(name => (name, ExampleSpecs.Text(name))).Append(("fcn32s.fcn.yaml", reformatted))
            .Select(s => SpecCompiler.Parse(s.Item1, s.Item2)).ToList();
        var again = SpecCompiler.Compile(files, new SpecOptions("Examples"));
        Assert.Equal(Model("Fcn32s"), again.Models.Single(m => m.TypeName == "Fcn32s"));
    }

    private static bool HasWeights(Node node) => node.Operation is ConvOperation or UpsampleOperation;
}
