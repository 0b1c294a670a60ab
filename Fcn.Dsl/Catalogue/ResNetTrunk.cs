using System;
using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Catalogue;

/// <summary>
/// The layer structure of a torchvision ResNet trunk (v1.5 bottlenecks: the stride sits on the 3x3
/// conv), written out once so that parameter counts, coordinate maps, shapes and FLOPs all read the
/// same structure instead of four hand-derived formulas. Every convolution is followed by a batch
/// norm (weight and bias) and has no bias of its own; there is no avgpool or fc.
/// </summary>
public static class ResNetTrunk
{
    /// <summary>Channels of the stem (conv1) and the bottleneck width of layer1.</summary>
    public const int StemChannels = 64;

    /// <summary>A bottleneck's output has this many times its width.</summary>
    public const int Expansion = 4;

    /// <summary>Residual stages, layer1 to layer4.</summary>
    public const int StageCount = 4;

    /// <summary>The depths the catalogue offers.</summary>
    public static bool IsSupportedDepth(int depth) => depth == 50 || depth == 101;

    /// <summary>Bottleneck blocks in a stage (1-based): [3, 4, 6, 3] for ResNet-50, [3, 4, 23, 3] for ResNet-101.</summary>
    public static int BlocksInStage(int depth, int stage)
    {
        if (!IsSupportedDepth(depth)) throw new ArgumentOutOfRangeException(nameof(depth), depth, "Only ResNet-50 and ResNet-101 are supported.");
        switch (stage)
        {
            case 1: return 3;
            case 2: return 4;
            case 3: return depth == 50 ? 6 : 23;
            case 4: return 3;
            default: throw new ArgumentOutOfRangeException(nameof(stage), stage, "ResNet stages are numbered 1 to 4.");
        }
    }

    /// <summary>Output channels of a stage (1-based): 256, 512, 1024, 2048.</summary>
    public static int StageChannels(int stage) => StageWidth(stage) * Expansion;

    /// <summary>The torchvision child name of a stage: <c>layer1</c> ... <c>layer4</c>, also the tap names.</summary>
    public static string StageName(int stage) => "layer" + stage.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stage (1 to 4) a feature name such as <c>layer3</c> reads, or 0 for no stage.</summary>
    public static int StageOf(string feature)
    {
        for (int stage = 1; stage <= StageCount; stage++)
            if (string.Equals(feature, StageName(stage), StringComparison.Ordinal)) return stage;
        return 0;
    }

    /// <summary>
    /// Every convolution of the trunk and the stem's max pool, in forward order. Within a block the
    /// shortcut projection (if any) comes first and is marked <see cref="TrunkLayer.IsShortcut"/>: it
    /// reads the block's input, so walking the main path means skipping it.
    /// </summary>
    public static IReadOnlyList<TrunkLayer> Layers(ResNetOperation trunk, int inputChannels)
    {
        if (trunk is null) throw new ArgumentNullException(nameof(trunk));
        if (trunk.Dilation.Count != StageCount - 1)
            throw new ArgumentException("A ResNet takes one dilation flag for each of layer2, layer3 and layer4.", nameof(trunk));

        var layers = new List<TrunkLayer>(8 + 4 * (3 + 4 + 23 + 3));
        layers.Add(TrunkLayer.Convolution(0, inputChannels, StemChannels, kernel: 7, stride: 2, pad: 3, dilation: 1, isShortcut: false));
        layers.Add(TrunkLayer.MaxPool(kernel: 3, stride: 2, pad: 1));

        int channels = StemChannels;
        int dilation = 1;
        for (int stage = 1; stage <= StageCount; stage++)
        {
            int width = StageWidth(stage);
            int stride = stage == 1 ? 1 : 2;

            // torchvision's replace_stride_with_dilation: the stage keeps its resolution and every later
            // 3x3 conv dilates by the stride it gave up; the stage's first block still uses the old dilation.
            int previousDilation = dilation;
            if (stage > 1 && trunk.Dilation[stage - 2])
            {
                dilation *= stride;
                stride = 1;
            }

            int blocks = BlocksInStage(trunk.Depth, stage);
            for (int block = 0; block < blocks; block++)
            {
                bool first = block == 0;
                int blockStride = first ? stride : 1;
                int blockDilation = first ? previousDilation : dilation;
                bool last = block == blocks - 1;
                if (first && (blockStride != 1 || channels != width * Expansion))
                    layers.Add(TrunkLayer.Convolution(stage, channels, width * Expansion, kernel: 1, stride: blockStride, pad: 0, dilation: 1, isShortcut: true));

                layers.Add(TrunkLayer.Convolution(stage, channels, width, kernel: 1, stride: 1, pad: 0, dilation: 1, isShortcut: false));
                layers.Add(TrunkLayer.Convolution(stage, width, width, kernel: 3, blockStride, pad: blockDilation, blockDilation, isShortcut: false));
                layers.Add(TrunkLayer.Convolution(stage, width, width * Expansion, kernel: 1, stride: 1, pad: 0, dilation: 1, isShortcut: false) with { EndsStage = last });
                channels = width * Expansion;
            }
        }

        return layers;
    }

    internal static int DepthOf(string name) => name == "resnet101" ? 101 : 50;

    private static int StageWidth(int stage) => StemChannels << (stage - 1);
}

/// <summary>What a <see cref="TrunkLayer"/> computes.</summary>
public enum TrunkLayerKind
{
    /// <summary>A convolution without bias, followed by a batch norm over its output channels.</summary>
    Convolution,
    /// <summary>The stem's max pool (no ceil mode).</summary>
    MaxPool,
}

/// <summary>One layer of a <see cref="ResNetTrunk"/>.</summary>
/// <param name="Stage">0 for the stem (conv1, maxpool), 1 to 4 for layer1 to layer4.</param>
/// <param name="IsShortcut">The 1x1 projection on a block's shortcut: it reads the block's input, not the previous layer.</param>
/// <param name="EndsStage">The last layer of a stage's main path, whose output is the stage's feature.</param>
public readonly record struct TrunkLayer(
    TrunkLayerKind Kind, int Stage, int InChannels, int OutChannels, int Kernel, int Stride, int Pad, int Dilation,
    bool IsShortcut, bool EndsStage)
{
    /// <summary>Learnable parameters: the bias-free convolution's weight plus its batch norm's weight and bias.</summary>
    public long Parameters => Kind == TrunkLayerKind.Convolution
        ? (long)Kernel * Kernel * InChannels * OutChannels + 2L * OutChannels
        : 0;

    internal static TrunkLayer Convolution(int stage, int inChannels, int outChannels, int kernel, int stride, int pad, int dilation, bool isShortcut) =>
        new(TrunkLayerKind.Convolution, stage, inChannels, outChannels, kernel, stride, pad, dilation, isShortcut, EndsStage: false);

    internal static TrunkLayer MaxPool(int kernel, int stride, int pad) =>
        new(TrunkLayerKind.MaxPool, 0, ResNetTrunk.StemChannels, ResNetTrunk.StemChannels, kernel, stride, pad, Dilation: 1, IsShortcut: false, EndsStage: false);
}
