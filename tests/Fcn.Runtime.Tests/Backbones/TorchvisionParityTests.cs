using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Backbones;

/// <summary>
/// The runtime's ResNet backbone, FCN heads and resize, assembled as torchvision's fcn_resnet50, give
/// torchvision's outputs for the fixture's weights and input (independently of the generator).
/// </summary>
public sealed class TorchvisionParityTests
{
    public TorchvisionParityTests() => TorchSetup.Ensure();

    [Fact]
    public void Hand_assembled_FcnResNet50_matches_torchvision()
    {
        ReferenceModel reference = Fixtures.ReadModel("fcn-resnet50");
        using var model = new TorchvisionFcnResNet50();
        Assert.Equal(reference.Keys.Select(k => k.Key).OrderBy(k => k, StringComparer.Ordinal), model.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(35_322_218L, model.parameters().Sum(p => p.numel())); // torchvision fcn.py, "num_params": 35322218
        DeterministicWeights.Fill(model, reference);
        model.eval();

        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(1, 3, 67, 83);
        IReadOnlyList<Tensor> outputs = model.forward(input);
        using Tensor expectedOut = Fixtures.ReadTensor("fcn-resnet50.out.bin");
        using Tensor expectedAux = Fixtures.ReadTensor("fcn-resnet50.aux.bin");
        TensorAssert.Conforms(expectedOut, outputs[0], "out");
        TensorAssert.Conforms(expectedAux, outputs[1], "aux");
        foreach (Tensor output in outputs) output.Dispose();
    }
}
