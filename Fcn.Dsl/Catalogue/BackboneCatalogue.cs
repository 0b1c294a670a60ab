using System.Collections.Generic;
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
    public static IReadOnlyList<string> Names => throw new System.NotImplementedException("H2");

    /// <summary>Expands a named backbone; false with a user-facing <paramref name="error"/> for bad options.</summary>
    public static bool TryExpand(string name, BackboneOptions options, int inputChannels, out CatalogueBackbone? backbone, out string? error) =>
        throw new System.NotImplementedException("H2");
}
