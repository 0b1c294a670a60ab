using System.Linq;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using TorchSharp.Modules;
using Xunit;

namespace Fcn.Runtime.Tests.Layers;

public sealed class FcnHeadTests
{
    public FcnHeadTests() => TorchSetup.Ensure();

    [Fact]
    public void Keys_and_shapes_equal_torchvisions_classifier()
    {
        // The reference: torchvision fcn_resnet50's "classifier.*" entries (FCNHead(2048, 21)).
        ReferenceKey[] reference = Fixtures.ReadModel("fcn-resnet50").Keys
            .Where(k => k.Key.StartsWith("classifier.", System.StringComparison.Ordinal))
            .Select(k => k with { Key = k.Key.Substring("classifier.".Length) })
            .ToArray();
        using Sequential head = FcnHead.Create(2048, 512, 21, 0.1);
        // TorchSharp lists all parameters before all buffers, PyTorch module by module: compare as sets.
        var actual = head.state_dict().Select(e => (e.Key, string.Join(",", e.Value.shape))).OrderBy(k => k.Key, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(reference.Select(k => (k.Key, string.Join(",", k.Shape))).OrderBy(k => k.Key, System.StringComparer.Ordinal).ToArray(), actual);
    }

    [Fact]
    public void Parameter_count_is_torchvisions()
    {
        // conv 3x3 2048->512 no bias: 9,437,184; BN: 2*512; conv 1x1 512->21 with bias: 10,752 + 21. Sum 9,448,981.
        using Sequential head = FcnHead.Create(2048, 512, 21, 0.1);
        Assert.Equal(9_448_981L, head.parameters().Sum(p => p.numel()));
    }
}
