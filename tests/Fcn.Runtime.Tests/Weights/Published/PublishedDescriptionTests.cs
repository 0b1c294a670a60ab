using System.Linq;
using Xunit;

namespace Fcn.Runtime.Tests.Weights.Published;

/// <summary>
/// The generated descriptions carry the examples' <c>weights:</c> (torchvision 0.14's URLs:
/// torchvision/models/segmentation/fcn.py, vgg.py, resnet.py), and the checksum rule reads them as
/// torch.hub does (a digest matches when it starts with the file name's prefix).
/// </summary>
public sealed class PublishedDescriptionTests
{
    [Fact]
    public void FcnResNet50_describes_torchvisions_coco_file()
    {
        FcnWeightFileInfo coco = FcnResNet50.Description.PublishedWeights[0];
        Assert.Equal(new FcnWeightFileInfo("coco_voc", FcnWeightFilePurpose.Model, "https://download.pytorch.org/models/fcn_resnet50_coco-1167a1af.pth",
            "fcn_resnet50_coco-1167a1af.pth", null, "1167a1af"), coco);
        Assert.Equal(new[] { "coco_voc", "imagenet" }, FcnResNet50.Description.PublishedWeights.Select(file => file.Name));
    }

    [Fact]
    public void The_vgg_nets_describe_imagenet_vgg16_and_tiny_describes_none()
    {
        Assert.Equal("vgg16-397923af.pth", Assert.Single(Fcn8s.Description.PublishedWeights).FileName);
        Assert.Equal(FcnWeightFilePurpose.Backbone, Assert.Single(Fcn32s.Description.PublishedWeights).Purpose);
        Assert.Empty(TinyFcn8s.Description.PublishedWeights);
    }

    [Theory]
    [InlineData("1167a1af00000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("1167A1AF00000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("1167a1ae00000000000000000000000000000000000000000000000000000000", false)]
    public void A_prefix_matches_any_digest_that_starts_with_it(string digest, bool matches) =>
        Assert.Equal(matches, FcnResNet50.Description.PublishedWeights[0].IsMatchedBy(digest));

    [Fact]
    public void A_full_digest_must_match_whole()
    {
        string digest = new string('a', 64);
        var file = new FcnWeightFileInfo("x", FcnWeightFilePurpose.Model, "https://example.org/x.pth", "x.pth", digest, null);
        Assert.True(file.IsMatchedBy(digest.ToUpperInvariant()));
        Assert.False(file.IsMatchedBy(new string('a', 63) + "b"));
        Assert.Equal(digest, file.ExpectedDigest);
    }
}
