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
    public void Loads_the_torch_save_checkpoint_and_matches_PyTorch()
    {
        // make_fixtures.py built the spec's layers in PyTorch with crops 3, 5, 3 derived by hand from the
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

    [Fact]
    public void Aligns_every_input_from_51_pixels_up()
    {
        // The make_fixtures.py network in torch 1.13, run on every square side from 1 to 300 with each crop
        // checked to fit: the smallest side that works is 51, and every side from 51 to 300 works. Here one
        // period of the five ceil-mode pools (sizes round by the side modulo 32), 51 to 82; the width is
        // one more than the height because rows and columns are computed independently, and a crop that
        // does not fit throws in Crop.Like.
        using var model = new TinyFcn8s();
        model.eval();
        using var noGrad = no_grad();
        for (int side = 51; side < 51 + 32; side++)
        {
            using var scope = NewDisposeScope();
            Tensor output = ((ISegmentationModel)model).ForwardOutputs(zeros(1, 3, side, side + 1))[0];
            Assert.Equal(new long[] { 1, 4, side, side + 1 }, output.shape);
        }
    }
}
