using Fcn.Runtime.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Backbones;

/// <summary>
/// torchvision's ResNet bottleneck (v1.5: the stride sits on the 3x3 conv): 1x1 reduce, 3x3
/// (strided or dilated), 1x1 expand by 4, plus the identity or a projected shortcut. Field names are
/// PyTorch's attribute names, so state-dict keys match torchvision's. The convolutions are
/// <see cref="Convolution2d"/>s (torch.nn.Conv2d's parameters and keys), so each picks its kernels' memory
/// layout in inference (<see cref="MemoryLayout.Automatic"/>).
/// </summary>
internal sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels are this multiple of the block's width.</summary>
    public const long Expansion = 4;

    // Declaration order is registration order, hence state-dict order: keep it as in torchvision.
    private readonly Convolution2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Convolution2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Convolution2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    public Bottleneck(string name, long inChannels, long width, long stride, long dilation, Sequential? downsample)
        : base(name)
    {
        conv1 = new Convolution2d(inChannels, width, 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        // padding = dilation keeps the map size for a 3x3 kernel at any dilation.
        conv2 = new Convolution2d(width, width, 3, stride: stride, padding: dilation, dilation: dilation, bias: false);
        bn2 = nn.BatchNorm2d(width);
        conv3 = new Convolution2d(width, width * Expansion, 1, bias: false);
        bn3 = nn.BatchNorm2d(width * Expansion);
        relu = nn.ReLU(inplace: true);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor output = relu.forward(bn1.forward(conv1.forward(input)));
        output = relu.forward(bn2.forward(conv2.forward(output)));
        output = bn3.forward(conv3.forward(output));
        Tensor shortcut = downsample is null ? input : downsample.forward(input);
        return relu.forward(output.add_(shortcut)).MoveToOuterDisposeScope();
    }
}
