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
    public void FcnResNet101HasTorchvisionsKeysAndParameterCount()
    {
        // fcn-reference.md section 3: 54,314,346 parameters and 640 state-dict keys with aux.
        ReferenceModel reference = Fixtures.ReadModel("fcn-resnet101");
        using var model = new FcnResNet101();
        Assert.Equal(640, reference.Keys.Count);
        Assert.Equal(
            reference.Keys.Select(k => k.Key + " " + string.Join(",", k.Shape)).OrderBy(k => k, StringComparer.Ordinal),
            model.state_dict().Select(e => e.Key + " " + string.Join(",", e.Value.shape)).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(54_314_346L, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void FcnAlexNetHasThePublishedParameterCount()
    {
        // fcn-reference.md section 3: 58,704,590 parameters, of which 1,750,329 in the 63x63 upsampling (21*21*63*63).
        using var model = new FcnAlexNet();
        Assert.Equal(58_704_590L, model.parameters().Sum(p => p.numel()));
        Assert.Equal(21L * 21 * 63 * 63, model.state_dict().Where(e => e.Key.StartsWith("upscore", StringComparison.Ordinal)).Sum(e => e.Value.numel()));
    }
}
