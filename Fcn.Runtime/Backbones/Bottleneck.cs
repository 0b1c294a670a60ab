using System.Collections.Generic;
using System.Linq;
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
internal sealed class Bottleneck : nn.Module<Tensor, Tensor>, IBatchNormPairs
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
        // After registration, and not a module-typed field: the shortcut's two children stay registered under
        // "downsample" (keys downsample.0.weight, downsample.1.running_mean), as in torchvision.
        projection = downsample?.children().ToArray() is { } shortcut ? ((Convolution2d)shortcut[0], (BatchNorm2d)shortcut[1]) : null;
    }

    private readonly (Convolution2d Convolution, BatchNorm2d Norm)? projection;

    /// <inheritdoc />
    public IEnumerable<(Convolution2d Convolution, BatchNorm2d Norm)> BatchNormPairs
    {
        get
        {
            yield return (conv1, bn1);
            yield return (conv2, bn2);
            yield return (conv3, bn3);
            if (projection is { } shortcut) yield return shortcut;
        }
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        // ForwardThrough: conv then batch norm, as one convolution while BatchNormFolding folds them.
        Tensor output = relu.forward(conv1.ForwardThrough(bn1, input));
        output = relu.forward(conv2.ForwardThrough(bn2, output));
        output = conv3.ForwardThrough(bn3, output);
        Tensor shortcut = projection is { } p ? p.Convolution.ForwardThrough(p.Norm, input) : input;
        return relu.forward(output.add_(shortcut)).MoveToOuterDisposeScope();
    }
}
