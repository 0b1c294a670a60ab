using System.Collections.Generic;
using System.Globalization;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Export.Onnx;

/// <summary>
/// A torchvision ResNet trunk (conv1, bn1, relu, maxpool, layer1..layer4 of v1.5 bottlenecks) as ONNX,
/// walking the structure the language defines once (<see cref="ResNetTrunk.Layers"/>), so strides and
/// dilations are those of the analysis and of the runtime's ResNetBackbone. Keys are torchvision's:
/// <c>backbone.layer3.0.downsample.0.weight</c>, <c>backbone.layer4.2.bn3.running_var</c>.
/// </summary>
internal sealed class ResNetTrunkWriter
{
    private readonly OnnxNodeWriter layers;

    public ResNetTrunkWriter(OnnxNodeWriter layers) => this.layers = layers;

    /// <summary>Writes the trunk; returns the value of each stage's output by tap name (<c>layer1</c> .. <c>layer4</c>).</summary>
    public IReadOnlyDictionary<string, string> Write(string name, ResNetOperation trunk, string input, long inputChannels)
    {
        var stages = new Dictionary<string, string>();
        IReadOnlyList<TrunkLayer> trunkLayers = ResNetTrunk.Layers(trunk, (int)inputChannels);

        // The stem: conv1, bn1, relu, maxpool.
        TrunkLayer stem = trunkLayers[0], pool = trunkLayers[1];
        string x = ConvBn(input, name, "conv1", "bn1", stem);
        x = layers.Relu(x, name + "_relu");
        x = layers.MaxPool(x, name + "_maxpool", pool.Kernel, pool.Stride, pool.Pad);

        // Then per block: an optional shortcut projection (it reads the block's input), then the
        // 1x1, 3x3 and 1x1 convolutions of the main path, each with its batch norm.
        int index = 2, stage = 0, block = 0;
        while (index < trunkLayers.Count)
        {
            if (trunkLayers[index].Stage != stage)
            {
                stage = trunkLayers[index].Stage;
                block = 0;
            }

            string prefix = name + "." + ResNetTrunk.StageName(stage) + "." + block.ToString(CultureInfo.InvariantCulture);
            string shortcut = x;
            if (trunkLayers[index].IsShortcut)
            {
                shortcut = ConvBn(x, prefix, "downsample.0", "downsample.1", trunkLayers[index]);
                index++;
            }

            string y = layers.Relu(ConvBn(x, prefix, "conv1", "bn1", trunkLayers[index]), prefix + "_relu1");
            y = layers.Relu(ConvBn(y, prefix, "conv2", "bn2", trunkLayers[index + 1]), prefix + "_relu2");
            y = ConvBn(y, prefix, "conv3", "bn3", trunkLayers[index + 2]);
            x = layers.Relu(layers.Add(y, shortcut, prefix + "_residual"), prefix);
            bool endsStage = trunkLayers[index + 2].EndsStage;
            index += 3;
            block++;
            if (endsStage) stages[ResNetTrunk.StageName(stage)] = x;
        }

        return stages;
    }

    private string ConvBn(string x, string prefix, string conv, string bn, TrunkLayer layer)
    {
        string convolved = layers.Convolution(x, prefix + "." + conv, prefix + "_" + conv.Replace('.', '_'), layer.InChannels, layer.OutChannels,
            layer.Kernel, layer.Stride, layer.Pad, layer.Dilation, groups: 1, bias: false);
        return layers.BatchNorm(convolved, prefix + "." + bn, prefix + "_" + bn.Replace('.', '_'), layer.OutChannels, eps: 1e-5);
    }
}
