using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Catalogue;

/// <summary>Options a spec may give a catalogue backbone (<c>backbone: { use: resnet50, name: backbone, output_stride: 8 }</c>).</summary>
/// <param name="ModuleName">State-dict prefix of a backbone emitted as one module (ResNet); ignored by flat backbones.</param>
/// <param name="OutputStride">32 (no dilation), 16 or 8 (dilated stages), where the backbone supports it.</param>
public sealed record BackboneOptions(string ModuleName, int OutputStride);

/// <summary>A catalogue backbone expanded into layers, in order, and the taps a head may read.</summary>
public sealed record CatalogueBackbone(string Name, EquatableArray<CatalogueLayer> Layers, EquatableArray<CatalogueTap> Taps);

/// <summary>One layer; empty <see cref="Inputs"/> means "the previous layer" (or the input, for the first).</summary>
public sealed record CatalogueLayer(string Name, NodeOperation Operation, EquatableArray<string> Inputs);

/// <summary>A readable feature: tap <see cref="Name"/> reads the output of layer <see cref="Layer"/>.</summary>
public sealed record CatalogueTap(string Name, string Layer);

/// <summary>The named backbones a spec can <c>use:</c> (vgg16, alexnet, resnet50, resnet101).</summary>
public static partial class BackboneCatalogue
{
    private static readonly ReadOnlyCollection<string> KnownNames =
        Array.AsReadOnly(new[] { Vgg16CatalogueEntry.Name, AlexNetCatalogueEntry.Name, "resnet50", "resnet101" });

    /// <summary>The names a spec may <c>use:</c>, in the order summaries and error messages list them.</summary>
    public static IReadOnlyList<string> Names => KnownNames;

    /// <summary>Expands a named backbone; false with a user-facing <paramref name="error"/> for bad options.</summary>
    public static bool TryExpand(string name, BackboneOptions options, int inputChannels, out CatalogueBackbone? backbone, out string? error)
    {
        backbone = null;
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (inputChannels < 1)
        {
            error = "The input must have at least one channel, not " + Invariant(inputChannels) + ".";
            return false;
        }

        switch (name)
        {
            case Vgg16CatalogueEntry.Name:
                if (!SupportsOutputStride(name, options, out error)) return false;
                backbone = Vgg16CatalogueEntry.Expand(inputChannels);
                return true;
            case AlexNetCatalogueEntry.Name:
                if (!SupportsOutputStride(name, options, out error)) return false;
                backbone = AlexNetCatalogueEntry.Expand(inputChannels);
                return true;
            case "resnet50":
            case "resnet101":
                return ResNetCatalogueEntry.TryExpand(name, ResNetTrunk.DepthOf(name), options, out backbone, out error);
            default:
                error = "Unknown backbone '" + name + "'; the catalogue has " + string.Join(", ", KnownNames) + ".";
                return false;
        }
    }

    /// <summary>
    /// The Caffe-derived backbones exist only at output stride 32: their pretrained fc6 was learned on
    /// stride-32 features, so dilating them would silently change what the weights mean.
    /// </summary>
    private static bool SupportsOutputStride(string name, BackboneOptions options, out string? error)
    {
        error = options.OutputStride == 32
            ? null
            : "Backbone '" + name + "' supports only output_stride 32, not " + Invariant(options.OutputStride) + ".";
        return error is null;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
