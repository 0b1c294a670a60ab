using static TorchSharp.torch;

namespace Fcn.Runtime.Backbones;

/// <summary>
/// The outputs of a ResNet trunk's four stages (torchvision's layer1..layer4). With the usual
/// segmentation setting (layer3 and layer4 dilated) their strides are 4, 8, 8, 8.
/// </summary>
public sealed record ResNetFeatures(Tensor Layer1, Tensor Layer2, Tensor Layer3, Tensor Layer4);
