using Fcn.Dsl.Model;

namespace Fcn.Dsl.Catalogue;

/// <summary>
/// A torchvision ResNet as a catalogue backbone: one module (so its state-dict keys are
/// <c>{name}.layer4.2.bn3.running_var</c> as in torchvision's FCN checkpoints) and one tap node per stage.
/// </summary>
internal static class ResNetCatalogueEntry
{
    public static bool TryExpand(string name, int depth, BackboneOptions options, out CatalogueBackbone? backbone, out string? error)
    {
        backbone = null;
        if (!TryDilationFor(options.OutputStride, out EquatableArray<bool> dilation))
        {
            error = "Backbone '" + name + "' supports output_stride 32, 16 or 8, not "
                + options.OutputStride.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
            return false;
        }

        string module = options.ModuleName;
        if (string.IsNullOrEmpty(module))
        {
            error = "Backbone '" + name + "' is one module and needs a name (e.g. name: backbone).";
            return false;
        }

        if (ResNetTrunk.StageOf(module) != 0)
        {
            error = "Backbone '" + name + "' cannot be named '" + module + "': that is the name of one of its features.";
            return false;
        }

        var layers = new CatalogueLayer[1 + ResNetTrunk.StageCount];
        var taps = new CatalogueTap[ResNetTrunk.StageCount];
        layers[0] = new CatalogueLayer(module, new ResNetOperation(depth, dilation), EquatableArray<string>.Empty);
        var fromTrunk = new[] { module }.ToEquatableArray();
        for (int stage = 1; stage <= ResNetTrunk.StageCount; stage++)
        {
            string feature = ResNetTrunk.StageName(stage);
            layers[stage] = new CatalogueLayer(feature, new TapOperation(feature), fromTrunk);
            taps[stage - 1] = new CatalogueTap(feature, feature);
        }

        backbone = new CatalogueBackbone(name, layers.ToEquatableArray(), taps.ToEquatableArray());
        error = null;
        return true;
    }

    /// <summary>torchvision's replace_stride_with_dilation for layer2, layer3, layer4 at an output stride.</summary>
    private static bool TryDilationFor(int outputStride, out EquatableArray<bool> dilation)
    {
        bool[]? flags = outputStride switch
        {
            32 => new[] { false, false, false },
            16 => new[] { false, false, true },
            8 => new[] { false, true, true },
            _ => null,
        };
        dilation = flags is null ? EquatableArray<bool>.Empty : flags.ToEquatableArray();
        return flags is not null;
    }
}
