using System;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Xunit;

namespace Fcn.Runtime.Tests.Conformance;

/// <summary>Networks checked for layout and size only (no forward): the deep ResNet-101 and FCN-AlexNet.</summary>
public sealed class LayoutOnlyTests
{
    public LayoutOnlyTests() => TorchSetup.Ensure();

    [Fact]
    public void FcnResNet101_has_torchvisions_keys_and_parameter_count()
    {
        // torchvision fcn.py: "num_params": 54314346 for fcn_resnet101; its 640 state-dict keys (with aux) are the
        // "keys" of tests/fixtures/fcn-resnet101.keys.json, written from torchvision by make_fixtures.py.
        ReferenceModel reference = Fixtures.ReadModel("fcn-resnet101");
        using var model = new FcnResNet101();
        Assert.Equal(640, reference.Keys.Count);
        Assert.Equal(
            reference.Keys.Select(k => k.Key + " " + string.Join(",", k.Shape)).OrderBy(k => k, StringComparer.Ordinal),
            model.state_dict().Select(e => e.Key + " " + string.Join(",", e.Value.shape)).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(54_314_346L, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void FcnAlexNet_has_the_published_parameter_count()
    {
        // 58,704,590 parameters, derived by hand from voc-fcn-alexnet/net.py's layer shapes (conv1 96*3*11*11 + 96,
        // conv2 256*48*5*5 + 256 (2 groups), conv3 384*256*9 + 384, conv4 384*192*9 + 384, conv5 256*192*9 + 256,
        // fc6 4096*256*36 + 4096, fc7 4096*4096 + 4096, score_fr 4096*21 + 21, upscore 21*21*63*63 without bias;
        // the sum is worked out in tests/Fcn.Dsl.Tests/Analysis/PublishedNetworkAnalysisTests.cs), of which
        // 1,750,329 in the 63x63 upsampling.
        using var model = new FcnAlexNet();
        Assert.Equal(58_704_590L, model.parameters().Sum(p => p.numel()));
        Assert.Equal(21L * 21 * 63 * 63, model.state_dict().Where(e => e.Key.StartsWith("upscore", StringComparison.Ordinal)).Sum(e => e.Value.numel()));
    }
}
