using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// One backbone of a spec as it is declared: the node its first layer reads (an input, or the
/// concatenation <see cref="Source"/> of <see cref="Concatenated"/> inputs), the channels that node has
/// (a catalogue's first convolution is as wide: 4 for color and depth), and how its layers are named:
/// <see cref="Renames"/> first, then <see cref="Suffix"/> appended with no separator (Caffe's
/// <c>conv1_1color</c>, nyud-fcn32s-color-hha/net.py).
/// </summary>
internal sealed record BackboneInstance(
    string Source,
    SourceSpan SourceSpan,
    int SourceChannels,
    IReadOnlyList<string> Concatenated,
    string Suffix,
    IReadOnlyDictionary<string, string> Renames,
    IReadOnlyList<(string Layer, SourceSpan Span)> RenameSpans)
{
    /// <summary>An instance that reads one input, with its catalogue names.</summary>
    public static BackboneInstance Reading(InputDeclaration input) =>
        new(input.Name, input.Span, input.Channels, new string[0], "", new Dictionary<string, string>(), new List<(string, SourceSpan)>());

    /// <summary>The name a catalogue layer gets in this instance.</summary>
    public string NameOf(string catalogueName) =>
        (Renames.TryGetValue(catalogueName, out string? renamed) ? renamed : catalogueName) + Suffix;
}
