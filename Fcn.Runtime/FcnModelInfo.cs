using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fcn.Runtime.Text;

namespace Fcn.Runtime;

/// <summary>
/// The static description of a generated network, built from constants by the generator with
/// <c>new(...)</c> in the parameter order below (part of the generator contract).
/// </summary>
/// <param name="Name">The model's type name (<c>model:</c>), e.g. <c>Fcn8s</c>.</param>
/// <param name="Summary">
/// What the network is, in words: the spec's <c>description:</c> (or its leading comment), or null. Named so
/// that a generated model's static description reads <c>Fcn8s.Description.Summary</c>.
/// </param>
/// <param name="Classes">The default number of classes.</param>
/// <param name="InputChannels">Channels of the input image (3 for RGB).</param>
/// <param name="Parameters">Learnable parameters at the default class count.</param>
/// <param name="OutputStride">The coarsest stride in the network (32 for FCN-VGG16, 8 for the dilated ResNets).</param>
/// <param name="ReceptiveField">Receptive field of the main output in input pixels (one side).</param>
/// <param name="Nodes">All nodes in topological order; the first is the input.</param>
/// <param name="Outputs">Output names, main output (<c>out</c>) first.</param>
/// <param name="SpecFile">The spec's file name, without directory.</param>
/// <param name="Spec">The resolved spec as canonical YAML.</param>
public sealed record FcnModelInfo(
    string Name,
    string? Summary,
    int Classes,
    int InputChannels,
    long Parameters,
    int OutputStride,
    long ReceptiveField,
    IReadOnlyList<FcnNodeInfo> Nodes,
    IReadOnlyList<string> Outputs,
    string SpecFile,
    string Spec)
{
    /// <summary>
    /// The weight files the network was published with (the spec's <c>weights:</c>), in the spec's order;
    /// empty when it names none. Generated code sets it only then, so descriptions without files read as before.
    /// </summary>
    public IReadOnlyList<FcnWeightFileInfo> PublishedWeights { get; init; } = System.Array.Empty<FcnWeightFileInfo>();

    /// <summary>
    /// The nodes as an aligned text table (one row per node), preceded by a line naming the model,
    /// its parameter count and stride. The crop column lists the offsets of the inputs a node crops, in
    /// input order. Numbers are formatted with the invariant culture.
    /// </summary>
    public string ToTable()
    {
        var table = new TextTable(
            new[] { "node", "kind", "channels", "stride", "offset", "rf", "params", "crop", "inputs" },
            5, 6, 7);
        foreach (FcnNodeInfo node in Nodes)
        {
            table.Add(
                node.Name,
                node.Kind,
                node.Channels,
                node.Stride,
                node.Offset,
                Invariant(node.ReceptiveField),
                Invariant(node.Parameters),
                string.Join(", ", node.CropOffsets.Where(offset => offset.HasValue).Select(offset => Invariant(offset!.Value))),
                string.Join(", ", node.Inputs));
        }

        string title = string.Format(CultureInfo.InvariantCulture,
            "{0}: {1:N0} parameters, {2} classes, output stride {3}, receptive field {4}\n",
            Name, Parameters, Classes, OutputStride, ReceptiveField);
        return title + table;
    }

    private static string Invariant(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
