using System;
using System.Collections.Generic;
using Fcn.Runtime.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Backbones;

/// <summary>
/// A torchvision-layout ResNet trunk without its classifier (avgpool, fc): children conv1, bn1, relu,
/// maxpool, layer1..layer4, named and ordered so that the state-dict keys equal those of torchvision's
/// segmentation backbone (<c>backbone.layer4.2.bn3.running_var</c> once it is a field named
/// <c>backbone</c>). Forward returns all four stage outputs. Every convolution is a <see cref="Convolution2d"/>
/// (see <see cref="MemoryLayout.Automatic"/> for the layout each one computes in).
/// </summary>
public sealed class ResNetBackbone : nn.Module<Tensor, ResNetFeatures>, IBatchNormPairs
{
    private static readonly Dictionary<int, int[]> BlocksPerStage = new()
    {
        [50] = new[] { 3, 4, 6, 3 },
        [101] = new[] { 3, 4, 23, 3 },
        [152] = new[] { 3, 8, 36, 3 },
    };

    private readonly Convolution2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <param name="depth">50, 101 or 152 (the bottleneck ResNets).</param>
    /// <param name="replaceStrideWithDilation">
    /// Three flags for layer2, layer3 and layer4, as torchvision's <c>replace_stride_with_dilation</c>:
    /// a true flag keeps that stage at its input's resolution and dilates its convolutions instead
    /// (FCN-ResNet uses false, true, true: output stride 8).
    /// </param>
    public ResNetBackbone(int depth, bool[] replaceStrideWithDilation) : base($"ResNet{depth}Backbone")
    {
        ArgumentNullException.ThrowIfNull(replaceStrideWithDilation);
        if (!BlocksPerStage.TryGetValue(depth, out int[]? blocks))
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "Supported ResNet depths are 50, 101 and 152.");
        if (replaceStrideWithDilation.Length != 3)
            throw new ArgumentException(
                $"replaceStrideWithDilation needs one flag for each of layer2, layer3 and layer4; got {replaceStrideWithDilation.Length}.",
                nameof(replaceStrideWithDilation));

        conv1 = new Convolution2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU(inplace: true);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);

        var stages = new StageBuilder();
        layer1 = stages.Build(64, blocks[0], stride: 1, dilate: false);
        layer2 = stages.Build(128, blocks[1], stride: 2, dilate: replaceStrideWithDilation[0]);
        layer3 = stages.Build(256, blocks[2], stride: 2, dilate: replaceStrideWithDilation[1]);
        layer4 = stages.Build(512, blocks[3], stride: 2, dilate: replaceStrideWithDilation[2]);
        RegisterComponents();

        Initialization.KaimingNormal(this);
    }

    /// <summary>The stem's pair; each bottleneck declares its own.</summary>
    IEnumerable<(Convolution2d Convolution, BatchNorm2d Norm)> IBatchNormPairs.BatchNormPairs => new[] { (conv1, bn1) };

    public override ResNetFeatures forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor stem = maxpool.forward(relu.forward(conv1.ForwardThrough(bn1, input)));
        Tensor first = layer1.forward(stem);
        Tensor second = layer2.forward(first);
        Tensor third = layer3.forward(second);
        Tensor fourth = layer4.forward(third);
        return new ResNetFeatures(
            first.MoveToOuterDisposeScope(),
            second.MoveToOuterDisposeScope(),
            third.MoveToOuterDisposeScope(),
            fourth.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// torchvision's <c>_make_layer</c>: carries the running channel count and dilation from stage to
    /// stage. A dilated stage multiplies the dilation by the stride it gives up; its first block still
    /// uses the previous dilation, as torchvision does.
    /// </summary>
    private sealed class StageBuilder
    {
        private long inChannels = 64;
        private long dilation = 1;

        public Sequential Build(long width, int blockCount, long stride, bool dilate)
        {
            long previousDilation = dilation;
            if (dilate)
            {
                dilation *= stride;
                stride = 1;
            }

            long outChannels = width * Bottleneck.Expansion;
            Sequential? downsample = null;
            if (stride != 1 || inChannels != outChannels)
            {
                downsample = nn.Sequential(
                    ("0", new Convolution2d(inChannels, outChannels, 1, stride: stride, bias: false)),
                    ("1", nn.BatchNorm2d(outChannels)));
            }

            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>
            {
                ("0", new Bottleneck("Bottleneck", inChannels, width, stride, previousDilation, downsample)),
            };
            inChannels = outChannels;
            for (int i = 1; i < blockCount; i++)
                blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), new Bottleneck("Bottleneck", inChannels, width, 1, dilation, null)));
            return nn.Sequential(blocks);
        }
    }
}
