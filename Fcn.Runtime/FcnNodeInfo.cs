using System.Collections.Generic;

namespace Fcn.Runtime;

/// <summary>
/// One node of a generated network as the spec's static analysis saw it. Generated code builds these
/// from constants with <c>new(...)</c>; the parameter order below is part of the generator contract.
/// Coordinates follow Caffe's coord_map: output pixel x covers input pixel <c>Stride * x + Offset</c>.
/// </summary>
/// <param name="Name">Node name, also the C# field name and state-dict key prefix (e.g. <c>conv1_1</c>).</param>
/// <param name="Kind">The YAML operation (<c>conv</c>, <c>score</c>, <c>upsample</c>, <c>crop</c>, ...).</param>
/// <param name="Channels">Output channels as text: a number (<c>"64"</c>) or a form of the class count (<c>"classes"</c>).</param>
/// <param name="Stride">Output stride relative to the input, exact (<c>"32"</c>, <c>"1"</c>, <c>"1/2"</c>).</param>
/// <param name="Offset">Alignment offset in input pixels, exact (<c>"-98.5"</c> is written <c>"-197/2"</c>).</param>
/// <param name="ReceptiveField">Receptive field in input pixels (one side).</param>
/// <param name="Parameters">Learnable parameters of this node at the spec's default class count.</param>
/// <param name="CropOffsets">
/// One entry per input, in the order of <paramref name="Inputs"/>: the offset at which that input is cropped
/// (to the size of the crop's <c>to:</c>, or of a fusion's first input), or null where it is read whole.
/// FCN-8s's <c>fuse_pool4</c> has <c>[null, 5]</c>; its final <c>score</c> crop has <c>[31]</c>.
/// </param>
/// <param name="Inputs">Names of the nodes this one reads.</param>
public sealed record FcnNodeInfo(
    string Name,
    string Kind,
    string Channels,
    string Stride,
    string Offset,
    long ReceptiveField,
    long Parameters,
    IReadOnlyList<int?> CropOffsets,
    IReadOnlyList<string> Inputs);
