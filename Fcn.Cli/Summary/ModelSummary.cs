using System.Collections.Generic;

namespace Fcn.Cli.Summary;

/// <summary>
/// Everything <c>fcn summary</c> says about one model, computed once and rendered either as tables
/// or as JSON, so the two can never disagree. Property names become the JSON keys (snake_case).
/// </summary>
/// <param name="Model">The C# type name.</param>
/// <param name="Namespace">The C# namespace, or null.</param>
/// <param name="Description">The spec's description.</param>
/// <param name="SpecFile">The file the model was declared in.</param>
/// <param name="Classes">The default class count, at which channels and parameters are evaluated.</param>
/// <param name="InputChannels">Channels of the input image.</param>
/// <param name="Nodes">One row per node, in the model's topological order.</param>
/// <param name="Parameters">Learnable parameters of the whole model.</param>
/// <param name="OutputStride">The coarsest stride any node reaches.</param>
/// <param name="ReceptiveField">The largest receptive field of any node, in input pixels.</param>
/// <param name="SmallestValidInput">The smallest square input side the model works on, or null if none up to 4096.</param>
/// <param name="AtSize">Costs and sizes at the requested input size.</param>
internal sealed record ModelSummary(
    string Model,
    string? Namespace,
    string? Description,
    string SpecFile,
    int Classes,
    int InputChannels,
    IReadOnlyList<NodeRow> Nodes,
    long Parameters,
    long OutputStride,
    long ReceptiveField,
    int? SmallestValidInput,
    SizedSummary AtSize)
{
    /// <summary>The network's inputs in forward's order (one, <c>input</c>, unless the spec declares several).</summary>
    public IReadOnlyList<InputSummary> Inputs { get; init; } = new InputSummary[0];

    /// <summary>The outputs that declare their own class count (SIFT Flow's sem 33 and geo 3); empty for one class count.</summary>
    public IReadOnlyList<OutputClassesSummary> OutputClasses { get; init; } = new OutputClassesSummary[0];
}

/// <summary>One input of the network.</summary>
/// <param name="Name">The input's name, also forward's parameter.</param>
/// <param name="Channels">Its channels.</param>
internal sealed record InputSummary(string Name, int Channels);

/// <summary>An output's own class count.</summary>
/// <param name="Output">The output's name.</param>
/// <param name="Classes">How many classes it predicts.</param>
internal sealed record OutputClassesSummary(string Output, int Classes);

/// <summary>
/// One node of the table and of the JSON: the node's <see cref="Fcn.Dsl.Analysis.NodeSummary"/> (defined once in
/// Fcn.Dsl, shared with the generated description) in JSON-friendly values, plus its size at the requested input.
/// </summary>
/// <param name="Name">The node's name (field name and state-dict prefix).</param>
/// <param name="Kind">The operation as spelled in YAML.</param>
/// <param name="Group"><c>input</c>, <c>backbone</c> or <c>head</c>.</param>
/// <param name="Inputs">The nodes it reads.</param>
/// <param name="Channels">Output channels at the default class count.</param>
/// <param name="ChannelsFormula">The same as the spec defines it, e.g. <c>classes</c> or <c>64</c>.</param>
/// <param name="Stride">Output stride, exact (<c>1/2</c> is possible mid-upsampling).</param>
/// <param name="Offset">Alignment offset in input pixels, exact (Caffe's coord_map).</param>
/// <param name="ReceptiveField">Receptive field in input pixels.</param>
/// <param name="CropOffsets">The offsets of the inputs the node crops, in input order: a crop's offset, or a fusion's offsets for its non-reference inputs.</param>
/// <param name="InputCropOffsets">One entry per input, in the order of <paramref name="Inputs"/>: its crop offset, or null where it is read whole.</param>
/// <param name="Parameters">Learnable parameters.</param>
/// <param name="Size">The output's height x width at the requested input size, or null past a failure.</param>
/// <param name="Description">What the node is, in one sentence, with the spec's comment appended.</param>
internal sealed record NodeRow(
    string Name,
    string Kind,
    string Group,
    IReadOnlyList<string> Inputs,
    long Channels,
    string ChannelsFormula,
    string Stride,
    string Offset,
    long ReceptiveField,
    IReadOnlyList<int> CropOffsets,
    IReadOnlyList<int?> InputCropOffsets,
    long Parameters,
    string? Size,
    string Description)
{
    /// <summary>The factor of each input of a weighted sum (Caffe's Eltwise coefficients), or empty.</summary>
    public IReadOnlyList<double> Coefficients { get; init; } = new double[0];
}

/// <summary>What one input size costs and produces.</summary>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Flops">Floating-point operations of a forward pass (a multiply-add counts two), or null when the size fails.</param>
/// <param name="Outputs">Every model output with its size.</param>
/// <param name="Failure">Why the model does not work at this size, or null.</param>
internal sealed record SizedSummary(int Height, int Width, long? Flops, IReadOnlyList<OutputSummary> Outputs, string? Failure);

/// <summary>One output of the model (<c>out</c> first, then auxiliary ones).</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Node">The node that produces it.</param>
/// <param name="Size">Height x width at the requested input size, or null when the size fails.</param>
internal sealed record OutputSummary(string Name, string Node, string? Size);
