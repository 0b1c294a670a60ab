using System.Collections.Generic;
using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.HandWritten;

/// <summary>ResNet-50 without avgpool and fc, replace_stride_with_dilation = [false, true, true]; returns layer3 and layer4.</summary>
public sealed class HandResNet50Trunk : nn.Module<Tensor, (Tensor Layer3, Tensor Layer4)>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    public HandResNet50Trunk() : base(nameof(HandResNet50Trunk))
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU(inplace: true);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        // torchvision's _make_layer with dilation: a dilated stage's first block keeps the previous dilation.
        layer1 = Layer(inplanes: 64, planes: 64, blocks: 3, stride: 1, firstDilation: 1, dilation: 1);
        layer2 = Layer(inplanes: 256, planes: 128, blocks: 4, stride: 2, firstDilation: 1, dilation: 1);
        layer3 = Layer(inplanes: 512, planes: 256, blocks: 6, stride: 1, firstDilation: 1, dilation: 2);
        layer4 = Layer(inplanes: 1024, planes: 512, blocks: 3, stride: 1, firstDilation: 2, dilation: 4);
        RegisterComponents();
    }

    public override (Tensor Layer3, Tensor Layer4) forward(Tensor x)
    {
        Tensor h = maxpool.forward(relu.forward(bn1.forward(conv1.forward(x))));
        h = layer2.forward(layer1.forward(h));
        Tensor third = layer3.forward(h);
        return (third, layer4.forward(third));
    }

    private static Sequential Layer(long inplanes, long planes, int blocks, long stride, long firstDilation, long dilation)
    {
        // Every stage of ResNet-50 starts with a projection: 64 -> 256 channels in layer1, a stride or a width change after.
        Sequential downsample = nn.Sequential(
            ("0", nn.Conv2d(inplanes, planes * 4, 1, stride: stride, bias: false)),
            ("1", nn.BatchNorm2d(planes * 4)));
        var modules = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", new HandBottleneck(inplanes, planes, stride, firstDilation, downsample)) };
        for (int i = 1; i < blocks; i++)
            modules.Add((i.ToString(CultureInfo.InvariantCulture), new HandBottleneck(planes * 4, planes, 1, dilation, null)));
        return nn.Sequential(modules);
    }
}
