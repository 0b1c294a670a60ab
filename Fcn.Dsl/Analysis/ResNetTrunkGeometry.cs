using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// A ResNet trunk run on a concrete input size: the size of each stage's output and the
/// multiply-adds of its convolutions, by walking <see cref="ResNetTrunk.Layers"/>.
/// </summary>
internal static class ResNetTrunkGeometry
{
    /// <summary>Walks the trunk; false with a <paramref name="failure"/> naming the layer that would be empty.</summary>
    /// <param name="stageSizes">Receives the output size of layer1 to layer4 (length 4).</param>
    /// <param name="multiplyAdds">Multiply-adds of every convolution, shortcut projections included.</param>
    public static bool TryWalk(
        ResNetOperation trunk, long inputChannels, SpatialSize input, SpatialSize[] stageSizes, out long multiplyAdds, out string? failure)
    {
        multiplyAdds = 0;
        SpatialSize size = input;
        foreach (TrunkLayer layer in ResNetTrunk.Layers(trunk, checked((int)inputChannels)))
        {
            SpatialSize output = OutputOf(layer, size);
            if (output.Height < 1 || output.Width < 1)
            {
                failure = Where(layer) + " would be empty on its " + size + " input.";
                return false;
            }

            if (layer.Kind == TrunkLayerKind.Convolution)
                multiplyAdds += output.Area * layer.Kernel * layer.Kernel * layer.InChannels * layer.OutChannels;

            // The shortcut projection reads the block's input beside the main path; the main path goes on from `size`.
            if (layer.IsShortcut) continue;
            size = output;
            if (layer.EndsStage) stageSizes[layer.Stage - 1] = size;
        }

        failure = null;
        return true;
    }

    private static SpatialSize OutputOf(TrunkLayer layer, SpatialSize input) => layer.Kind == TrunkLayerKind.MaxPool
        ? new SpatialSize(
            OutputSize.Pooling(input.Height, layer.Kernel, layer.Stride, layer.Pad, ceilMode: false),
            OutputSize.Pooling(input.Width, layer.Kernel, layer.Stride, layer.Pad, ceilMode: false))
        : new SpatialSize(
            OutputSize.Convolution(input.Height, layer.Kernel, layer.Stride, layer.Pad, layer.Dilation),
            OutputSize.Convolution(input.Width, layer.Kernel, layer.Stride, layer.Pad, layer.Dilation));

    private static string Where(TrunkLayer layer) => layer.Stage == 0
        ? "The ResNet stem's " + (layer.Kind == TrunkLayerKind.MaxPool ? "max pool" : "conv1")
        : "A " + layer.Kernel.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x"
          + layer.Kernel.ToString(System.Globalization.CultureInfo.InvariantCulture) + " conv of " + ResNetTrunk.StageName(layer.Stage);
}
