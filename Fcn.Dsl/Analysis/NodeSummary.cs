using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// One node as every report shows it: the generated model's static description, the XML documentation of its
/// members, <c>fcn summary</c> and <c>fcn graph</c>. Defined once here so the reports cannot drift apart; each
/// only formats these values.
/// </summary>
/// <param name="Name">The node's name (field name and state-dict prefix).</param>
/// <param name="Kind">The operation as spelled in YAML (<see cref="NodeOperation.Kind"/>).</param>
/// <param name="Label">A short label for tables and drawings (<see cref="NodeOperation.Label"/>).</param>
/// <param name="Group">Where the node was declared.</param>
/// <param name="Inputs">The nodes it reads, in order.</param>
/// <param name="Channels">Output channels, symbolic in the class count.</param>
/// <param name="Stride">Output stride, exact.</param>
/// <param name="Offset">Alignment offset in input pixels, exact (Caffe's coord_map).</param>
/// <param name="ReceptiveField">Receptive field in input pixels.</param>
/// <param name="Parameters">Learnable parameters at the model's default class count.</param>
/// <param name="CropOffsets">One per input: where it is cropped, or null where it is read whole (<see cref="Node.CropOffsets"/>).</param>
/// <param name="Description">The node's sentence in plain text (<see cref="NodeDescriber"/>).</param>
public sealed record NodeSummary(
    string Name,
    string Kind,
    string Label,
    NodeGroup Group,
    IReadOnlyList<string> Inputs,
    ChannelCount Channels,
    Rational Stride,
    Rational Offset,
    long ReceptiveField,
    long Parameters,
    IReadOnlyList<int?> CropOffsets,
    string Description)
{
    /// <summary>The offsets of the inputs that are cropped, in input order: FCN-8s's 5, 9 and 31.</summary>
    public IReadOnlyList<int> AppliedCropOffsets => CropOffsets.Where(offset => offset is not null).Select(offset => offset!.Value).ToList();

    public static NodeSummary Of(Node node)
    {
        if (node is null) throw new ArgumentNullException(nameof(node));
        NodeAnalysis analysis = node.Analysis;
        return new NodeSummary(
            node.Name,
            node.Operation.Kind,
            node.Operation.Label,
            node.Group,
            node.Inputs.ToList(),
            analysis.Channels,
            analysis.Stride,
            analysis.Offset,
            analysis.ReceptiveField,
            analysis.Parameters,
            node.CropOffsets,
            NodeDescriber.Plain.Describe(node));
    }

    /// <summary>Every node of the model, in its topological order.</summary>
    public static IReadOnlyList<NodeSummary> Of(FcnModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        return model.Nodes.Select(Of).ToList();
    }
}
