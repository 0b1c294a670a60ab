using Xunit;

namespace Fcn.Export.Tests;

public sealed class ProjectSetupTests
{
    [Fact]
    public void The_example_models_are_generated_into_the_export_tests()
    {
        // The exports are checked against these generated TorchSharp models; TinyFcn8s is written out
        // layer by layer in examples/specs/tiny-fcn8s.fcn.yaml (conv1_1 ... upscore8, score).
        Assert.Contains(TinyFcn8s.Description.Nodes, node => node.Name == "upscore8");
    }
}
