using System.Linq;
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
}
