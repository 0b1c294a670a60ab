using Fcn.Runtime.Tests.Support;
using Fcn.Runtime.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Conformance;

/// <summary>The generated tiny spec loads a real torch.save checkpoint and reproduces PyTorch's output.</summary>
public sealed class TinyFcn8sTests
{
    public TinyFcn8sTests() => TorchSetup.Ensure();

    [Fact]
    public void LoadsTheTorchSaveCheckpointAndMatchesPyTorch()
    {
        // make_fixtures.py built the spec's layers in PyTorch with crops 1, 1, 11 derived by hand from the
        // coordinate maps; the generator derives its own, so a wrong offset fails here.
        using var model = new TinyFcn8s();
        WeightLoadReport report = WeightLoader.LoadFile(model, Fixtures.PathOf("tiny-fcn8s.pt"));
        Assert.True(report.IsComplete, report.ToTable());
        model.eval();
        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(1, 3, 53, 61);
        using Tensor output = ((ISegmentationModel)model).ForwardOutputs(input)[0];
        using Tensor expected = Fixtures.ReadTensor("tiny-fcn8s.out.bin");
        TensorAssert.Conforms(expected, output, "tiny-fcn8s");
    }
}
