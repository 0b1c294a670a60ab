using System;
using System.Collections.Generic;
using Fcn.Runtime.Tests.Support;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Conformance;

/// <summary>
/// A generated model filled with the reference's deterministic weights and run once on the reference
/// input: a shared xunit class fixture, so each heavy network is built and run once per test class.
/// </summary>
public abstract class ConformedModel : IDisposable
{
    protected ConformedModel(string reference, long[] inputShape, Func<nn.Module> create)
    {
        TorchSetup.Ensure();
        ReferenceName = reference;
        Reference = Fixtures.ReadModel(reference);
        Module = create();
        Model = (ISegmentationModel)Module;
        DeterministicWeights.Fill(Module, Reference);
        Module.eval();
        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(inputShape);
        Outputs = Model.ForwardOutputs(input);
    }

    public string ReferenceName { get; }

    internal ReferenceModel Reference { get; }

    public nn.Module Module { get; }

    public ISegmentationModel Model { get; }

    public IReadOnlyList<Tensor> Outputs { get; }

    public void Dispose()
    {
        foreach (Tensor output in Outputs) output.Dispose();
        Module.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class Fcn32sModel() : ConformedModel("fcn32s", new long[] { 1, 3, 37, 45 }, () => new Fcn32s());

public sealed class Fcn16sModel() : ConformedModel("fcn16s", new long[] { 1, 3, 37, 45 }, () => new Fcn16s());

public sealed class Fcn8sModel() : ConformedModel("fcn8s", new long[] { 1, 3, 37, 45 }, () => new Fcn8s());

public sealed class Fcn8sAtOnceModel() : ConformedModel("fcn8s-atonce", new long[] { 1, 3, 37, 45 }, () => new Fcn8sAtOnce());

public sealed class FcnResNet50Model() : ConformedModel("fcn-resnet50", new long[] { 1, 3, 67, 83 }, () => new FcnResNet50());
