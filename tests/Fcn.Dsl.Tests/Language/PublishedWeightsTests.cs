using System.Linq;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Language;

/// <summary>
/// <c>weights:</c> in the IR: what the examples publish (URLs and file-name hashes as torchvision 0.14
/// names them, torchvision/models/segmentation/fcn.py, vgg.py and resnet.py), inheritance, equality
/// and the canonical spec.
/// </summary>
public sealed class PublishedWeightsTests
{
    private static FcnModel Example(string name) => ExampleCompilation.CompileAll().Models.Single(model => model.TypeName == name);

    [Fact]
    public void FcnResNet50_publishes_torchvisions_coco_file_and_the_imagenet_trunk()
    {
        Assert.Equal(new[]
        {
            new PublishedWeightFile("coco_voc", WeightFilePurpose.Model, "https://download.pytorch.org/models/fcn_resnet50_coco-1167a1af.pth", "fcn_resnet50_coco-1167a1af.pth", null, "1167a1af"),
            new PublishedWeightFile("imagenet", WeightFilePurpose.Backbone, "https://download.pytorch.org/models/resnet50-0676ba61.pth", "resnet50-0676ba61.pth", null, "0676ba61"),
        }, Example("FcnResNet50").PublishedWeights);
    }

    [Fact]
    public void FcnResNet101_replaces_the_list_it_would_inherit()
    {
        Assert.Equal(new[] { ("coco_voc", "7ecb50ca"), ("imagenet", "63fe2227") },
            Example("FcnResNet101").PublishedWeights.Select(file => (file.Name, file.Sha256Prefix!)));
    }

    [Theory]
    [InlineData("Fcn32s")]
    [InlineData("Fcn16s")]
    [InlineData("Fcn8s")]
    [InlineData("Fcn8sAtOnce")]
    public void The_vgg_nets_convolutionalize_imagenet_vgg16(string model)
    {
        PublishedWeightFile file = Assert.Single(Example(model).PublishedWeights);
        Assert.Equal(("imagenet", WeightFilePurpose.Backbone, "vgg16-397923af.pth", "397923af"), (file.Name, file.Purpose, file.FileName, file.Sha256Prefix));
    }

    [Fact]
    public void Models_without_weights_publish_nothing()
    {
        Assert.Empty(Example("TinyFcn8s").PublishedWeights);
        Assert.Empty(Example("FcnAlexNet").PublishedWeights);
    }

    private const string Spec = """
        model: Net
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
        head:
          - { name: score, op: score, from: conv1 }
        weights:
          - { url: "https://example.org/m/net.pth", sha256: 0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef, name: trained }
        outputs:
          out: score
        """;

    [Fact]
    public void A_full_sha256_is_kept_in_lowercase_and_for_defaults_to_model()
    {
        FcnModel model = Assert.Single(SpecCompiler.CompileText("net.fcn.yaml", Spec).Models);
        Assert.Equal(new PublishedWeightFile("trained", WeightFilePurpose.Model, "https://example.org/m/net.pth", "net.pth",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null), Assert.Single(model.PublishedWeights));
    }

    [Fact]
    public void The_canonical_spec_writes_each_file_on_one_line_in_key_order_after_the_outputs()
    {
        FcnModel model = Assert.Single(SpecCompiler.CompileText("net.fcn.yaml", Spec).Models);
        Assert.EndsWith("\nweights:\n  - { name: trained, url: \"https://example.org/m/net.pth\", sha256: 0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef }\n",
            model.CanonicalSpec);
    }

    [Fact]
    public void Models_are_equal_exactly_when_their_weights_are()
    {
        FcnModel model = Assert.Single(SpecCompiler.CompileText("net.fcn.yaml", Spec).Models);
        FcnModel again = Assert.Single(SpecCompiler.CompileText("net.fcn.yaml", Spec.Replace("name: trained }", "name: trained }   # moved text")).Models);
        FcnModel otherUrl = Assert.Single(SpecCompiler.CompileText("net.fcn.yaml", Spec.Replace("/m/net.pth", "/n/net.pth")).Models);
        Assert.Equal(model, again);
        Assert.NotEqual(model, otherUrl);
    }
}
