using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.HandWritten;

/// <summary>torchvision's ResNet bottleneck written by hand (v1.5: the stride on the 3x3 conv), same field names.</summary>
public sealed class HandBottleneck : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    public HandBottleneck(long inplanes, long planes, long stride, long dilation, Sequential? downsample) : base(nameof(HandBottleneck))
    {
        conv1 = nn.Conv2d(inplanes, planes, 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: stride, padding: dilation, dilation: dilation, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = nn.Conv2d(planes, planes * 4, 1, bias: false);
        bn3 = nn.BatchNorm2d(planes * 4);
        relu = nn.ReLU(inplace: true);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        Tensor identity = x;
        Tensor output = relu.forward(bn1.forward(conv1.forward(x)));
        output = relu.forward(bn2.forward(conv2.forward(output)));
        output = bn3.forward(conv3.forward(output));
        if (downsample is not null) identity = downsample.forward(x);
        output.add_(identity);
        return relu.forward(output);
    }
}
