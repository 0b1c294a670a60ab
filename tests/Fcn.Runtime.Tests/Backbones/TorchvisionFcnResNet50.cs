using System.Collections.Generic;
using Fcn.Runtime.Backbones;
using Fcn.Runtime.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Backbones;

/// <summary>
/// torchvision's fcn_resnet50 assembled by hand from the runtime's parts (what the generator emits for
/// examples/specs/fcn-resnet50.fcn.yaml), so the parts are checked against torchvision on their own.
/// </summary>
internal sealed class TorchvisionFcnResNet50 : nn.Module<Tensor, IReadOnlyList<Tensor>>
{
    private readonly ResNetBackbone backbone;
    private readonly Sequential classifier;
    private readonly Sequential aux_classifier;

    public TorchvisionFcnResNet50() : base(nameof(TorchvisionFcnResNet50))
    {
        backbone = new ResNetBackbone(50, new[] { false, true, true });
        classifier = FcnHead.Create(2048, 512, 21, 0.1);
        aux_classifier = FcnHead.Create(1024, 256, 21, 0.1);
        RegisterComponents();
    }

    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        ResNetFeatures features = backbone.forward(input);
        Tensor output = Resize.BilinearLike(classifier.forward(features.Layer4), input);
        Tensor aux = Resize.BilinearLike(aux_classifier.forward(features.Layer3), input);
        return new[] { output.MoveToOuterDisposeScope(), aux.MoveToOuterDisposeScope() };
    }
}
