using System;
using Fcn.Benchmarks.HandWritten;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>Builds the generated or the hand-written version of a model, at the spec's default class count.</summary>
public static class NetFactory
{
    public static SegmentationNet Create(ModelKind kind, Implementation implementation) => (kind, implementation) switch
    {
        (ModelKind.TinyFcn8s, Implementation.Generated) => Single(new TinyFcn8s()),
        (ModelKind.TinyFcn8s, Implementation.HandWritten) => Single(new HandTinyFcn8s(classes: 4)),
        (ModelKind.Fcn8sVgg16, Implementation.Generated) => Single(new Fcn8s()),
        (ModelKind.Fcn8sVgg16, Implementation.HandWritten) => Single(new HandFcn8sVgg16(classes: 21)),
        (ModelKind.FcnResNet50, Implementation.Generated) => ResNet(new FcnResNet50()),
        (ModelKind.FcnResNet50, Implementation.HandWritten) => HandResNet(new HandFcnResNet50(classes: 21)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The spec's default class count (tiny: 4, the VOC nets: 21), for the random targets.</summary>
    public static int Classes(ModelKind kind) => ModelSpecs.Description(kind).Classes;

    private static SegmentationNet Single(nn.Module<Tensor, Tensor> module) =>
        new(module, input => new[] { module.forward(input) });

    private static SegmentationNet ResNet(FcnResNet50 module) =>
        new(module, input =>
        {
            FcnResNet50.Outputs outputs = module.forward(input);
            return new[] { outputs.Out, outputs.Aux };
        });

    private static SegmentationNet HandResNet(HandFcnResNet50 module) =>
        new(module, input =>
        {
            (Tensor output, Tensor aux) = module.forward(input);
            return new[] { output, aux };
        });
}
