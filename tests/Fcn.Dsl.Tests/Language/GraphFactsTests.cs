using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Language;

/// <summary>
/// Graph facts the IR carries so that no backend (C# emitter, summary, drawing, exports) has to work them
/// out again: where the backbone came from, and which nodes each node needs computed first.
/// </summary>
public sealed class GraphFactsTests
{
    private static readonly SpecCompilation Compilation = ExampleCompilation.CompileAll(new SpecOptions("Examples"));

    private static FcnModel Model(string typeName) => Compilation.Models.Single(model => model.TypeName == typeName);

    [Theory]
    [InlineData("Fcn32s", "vgg16")]          // examples/specs/fcn32s.fcn.yaml: backbone: vgg16
    [InlineData("Fcn8s", "vgg16")]           // inherits Fcn32s's backbone through extends
    [InlineData("FcnAlexNet", "alexnet")]
    [InlineData("FcnResNet50", "resnet50")]  // backbone: { use: resnet50, output_stride: 8 }
    [InlineData("FcnResNet101", "resnet101")]
    public void Catalogue_backbones_keep_their_origin(string typeName, string catalogueName) =>
        Assert.Equal(catalogueName, Model(typeName).CatalogueBackbone);

    [Fact]
    public void Written_out_layers_have_no_catalogue_origin() =>
        Assert.Null(Model("TinyFcn8s").CatalogueBackbone);

    [Fact]
    public void A_crop_depends_on_its_input_and_on_the_node_whose_size_it_takes()
    {
        // fcn32s.fcn.yaml: { name: score, op: crop, from: upscore, to: input }
        Node score = Model("Fcn32s").Nodes.Single(node => node.Name == "score");

        Assert.Equal("input", score.Operation.SizeReference);
        Assert.Equal(new[] { "upscore", "input" }, score.Dependencies.ToArray());
    }

    [Fact]
    public void A_fusion_depends_on_its_inputs_only()
    {
        // fcn16s.fcn.yaml: { name: fuse_pool4, op: sum, inputs: [upscore2, score_pool4] }
        Node fuse = Model("Fcn16s").Nodes.Single(node => node.Name == "fuse_pool4");

        Assert.Null(fuse.Operation.SizeReference);
        Assert.Equal(new[] { "upscore2", "score_pool4" }, fuse.Dependencies.ToArray());
    }

    /// <summary>
    /// The Caffe reference's voc-fcn8s/train.prototxt (shelhamer/fcn.berkeleyvision.org) crops score_pool4 at
    /// offset 5 onto upscore2, score_pool3 at 9 onto upscore_pool4, and upscore8 at 31 onto the data.
    /// </summary>
    [Theory]
    [InlineData("fuse_pool4", "upscore2", new[] { -1, 5 })]
    [InlineData("fuse_pool3", "upscore_pool4", new[] { -1, 9 })]
    [InlineData("score", "input", new[] { 31 })]
    public void Every_input_has_its_own_crop_offset_and_the_node_names_what_it_is_cropped_to(string name, string reference, int[] offsets)
    {
        Node node = Model("Fcn8s").Nodes.Single(n => n.Name == name);

        Assert.Equal(offsets.Select(offset => offset < 0 ? (int?)null : offset), node.CropOffsets);
        Assert.Equal(reference, node.AlignmentReference);
    }

    [Fact]
    public void Nodes_that_crop_nothing_have_a_null_offset_per_input()
    {
        Node pool4 = Model("Fcn8s").Nodes.Single(node => node.Name == "pool4");

        Assert.Equal(new int?[] { null }, pool4.CropOffsets);
        Assert.Empty(Model("Fcn8s").Nodes[0].CropOffsets);
    }

    /// <summary>
    /// Hand calculation (Caffe's coord_map): an unpadded 3x3 convolution puts output pixel x over input pixel
    /// x + 1, so conv2's pixel 0 sits over input pixel 2 and conv1's pixel 1 over it too. Aligned to conv2,
    /// conv1 is cropped at 1 and the input at 2.
    /// </summary>
    private const string ThreeWayConcat = """
        model: ThreeWay
        classes: 2
        input_channels: 1
        backbone:
          layers:
            - { name: conv1, op: conv, out: 4, kernel: 3 }
            - { name: conv2, op: conv, out: 4, kernel: 3 }
        head:
          - { name: all, op: concat, inputs: [conv2, conv1, input] }
          - { name: score, op: score, from: all }
          - { name: unused, op: relu, from: conv1 }
        outputs:
          out: score
        """;

    private static FcnModel ThreeWay()
    {
        SpecCompilation compilation = SpecCompiler.Compile(new[] { SpecCompiler.Parse("three-way.fcn.yaml", ThreeWayConcat) }, SpecOptions.Default);
        return Assert.Single(compilation.Models);
    }

    [Fact]
    public void A_concatenation_of_three_crops_each_input_but_the_first_at_its_own_offset()
    {
        Node all = ThreeWay().Nodes.Single(node => node.Name == "all");

        Assert.Equal(new int?[] { null, 1, 2 }, all.CropOffsets);
        Assert.Equal("conv2", all.AlignmentReference);
        Assert.Equal("Channel concatenation of conv2, conv1 and input, conv1 cropped at 1, input cropped at 2.", NodeDescriber.Plain.Describe(all));
    }

    [Fact]
    public void Live_nodes_are_those_an_output_depends_on_in_topological_order()
    {
        FcnModel model = ThreeWay();

        // 'unused' reads conv1 but no output reads it (the compiler warns, FCN1001); everything else feeds 'score'.
        Assert.Equal(new[] { "input", "conv1", "conv2", "all", "score" }, model.LiveNodes.Select(node => node.Name));
        Assert.Contains(model.Nodes, node => node.Name == "unused");
    }

    [Fact]
    public void Labels_add_what_the_kind_alone_does_not_say()
    {
        FcnModel resnet = Model("FcnResNet50");

        Assert.Equal("resnet50", resnet.Nodes.Single(node => node.Name == "backbone").Operation.Label);
        Assert.Equal("tap layer4", resnet.Nodes.Single(node => node.Name == "layer4").Operation.Label);
        Assert.Equal("fcn_head", resnet.Nodes.Single(node => node.Name == "classifier").Operation.Label);
    }
}
