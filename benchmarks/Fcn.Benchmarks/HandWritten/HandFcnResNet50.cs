using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.HandWritten;

/// <summary>
/// torchvision's <c>fcn_resnet50(aux_loss=True)</c> written by hand in TorchSharp: a ResNet-50 trunk with
/// layer3 and layer4 dilated (output stride 8), the FCN head on layer4 and the auxiliary head on layer3,
/// both resized bilinearly to the input. Field names follow torchvision, so the generated
/// <c>FcnResNet50</c>'s state dict loads into it.
/// </summary>
public sealed class HandFcnResNet50 : nn.Module<Tensor, (Tensor Out, Tensor Aux)>
{
    private readonly HandResNet50Trunk backbone;
    private readonly Sequential classifier;
    private readonly Sequential aux_classifier;

    public HandFcnResNet50(int classes) : base(nameof(HandFcnResNet50))
    {
        backbone = new HandResNet50Trunk();
        classifier = Head(2048, 512, classes);
        aux_classifier = Head(1024, 256, classes);
        RegisterComponents();
    }

    public override (Tensor Out, Tensor Aux) forward(Tensor x)
    {
        long[] size = { x.shape[2], x.shape[3] };
        (Tensor layer3, Tensor layer4) = backbone.forward(x);
        Tensor output = nn.functional.interpolate(classifier.forward(layer4), size: size, mode: InterpolationMode.Bilinear, align_corners: false);
        Tensor aux = nn.functional.interpolate(aux_classifier.forward(layer3), size: size, mode: InterpolationMode.Bilinear, align_corners: false);
        return (output, aux);
    }

    /// <summary>torchvision's FCNHead: conv3x3, BatchNorm, ReLU, Dropout(0.1), conv1x1.</summary>
    private static Sequential Head(long inChannels, long channels, long classes) => nn.Sequential(
        ("0", nn.Conv2d(inChannels, channels, 3, padding: 1, bias: false)),
        ("1", nn.BatchNorm2d(channels)),
        ("2", nn.ReLU()),
        ("3", nn.Dropout(0.1)),
        ("4", nn.Conv2d(channels, classes, 1)));
}
