using System.Collections.Concurrent;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// What the analysis needs of a ResNet trunk: its parameter count and, per stage, the coordinate map
/// of the stage's output relative to the trunk's input. Derived by walking <see cref="ResNetTrunk.Layers"/>
/// and cached, because the generator re-analyses the same trunk on every keystroke.
/// </summary>
internal sealed class ResNetTrunkSummary
{
    private static readonly ConcurrentDictionary<(ResNetOperation Trunk, long InputChannels), ResNetTrunkSummary> Cache = new();

    private readonly CoordinateMap[] stageMaps;

    private ResNetTrunkSummary(long parameters, CoordinateMap[] stageMaps)
    {
        Parameters = parameters;
        this.stageMaps = stageMaps;
    }

    /// <summary>Learnable parameters of conv1 ... layer4 (convolutions and their batch norms).</summary>
    public long Parameters { get; }

    /// <summary>The output map of stage 1 to 4, relative to the trunk's input (stride 1, offset 0).</summary>
    public CoordinateMap StageMap(int stage) => stageMaps[stage - 1];

    /// <summary>The trunk's own output is layer4's.</summary>
    public CoordinateMap OutputMap => stageMaps[ResNetTrunk.StageCount - 1];

    public static ResNetTrunkSummary Of(ResNetOperation trunk, long inputChannels) =>
        Cache.GetOrAdd((trunk, inputChannels), key => Summarize(key.Trunk, key.InputChannels));

    private static ResNetTrunkSummary Summarize(ResNetOperation trunk, long inputChannels)
    {
        long parameters = 0;
        var stageMaps = new CoordinateMap[ResNetTrunk.StageCount];
        CoordinateMap map = CoordinateMap.Identity;
        foreach (TrunkLayer layer in ResNetTrunk.Layers(trunk, checked((int)inputChannels)))
        {
            parameters += layer.Parameters;

            // The shortcut projection (1x1, pad 0) has the same stride and centre as the 3x3 it runs
            // beside and a smaller receptive field, so the block's map is its main path's.
            if (layer.IsShortcut) continue;
            map = map.ThenWindow(layer.Kernel, layer.Stride, layer.Pad, layer.Dilation);
            if (layer.EndsStage) stageMaps[layer.Stage - 1] = map;
        }

        return new ResNetTrunkSummary(parameters, stageMaps);
    }
}
