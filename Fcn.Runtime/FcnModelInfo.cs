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

    private readonly IReadOnlyList<FcnInputInfo>? _inputs;
    private readonly IReadOnlyList<int>? _outputClasses;
    private readonly IReadOnlyList<string>? _heads;

    /// <summary>
    /// The declared inputs in declaration order, which is the order <see cref="ISegmentationModel.ForwardOutputs"/>
    /// takes them concatenated along the channels. Generated code sets it only for a spec with <c>inputs:</c>;
    /// otherwise it is the single <c>input</c> of <see cref="InputChannels"/> channels.
    /// </summary>
    public IReadOnlyList<FcnInputInfo> Inputs
    {
        get => _inputs ?? new[] { new FcnInputInfo("input", InputChannels) };
        init => _inputs = value;
    }

    /// <summary>
    /// The default class count of each output, in the order of <see cref="Outputs"/> (SIFT Flow: 33 and 3).
    /// Generated code sets it only when some output declares its own count; otherwise every output predicts <see cref="Classes"/>.
    /// </summary>
    public IReadOnlyList<int> OutputClasses
    {
        get => _outputClasses ?? Outputs.Select(_ => Classes).ToArray();
        init => _outputClasses = value;
    }

    /// <summary>
    /// The outputs that are tasks of their own, each trained against its own labels and scored on its own (SIFT
    /// Flow's <c>sem</c> and <c>geo</c>: the outputs that declare their own class count). The other outputs are
    /// auxiliary: trained against the main head's labels with a smaller weight, never scored. Generated code
    /// sets it only for a multi-task spec; otherwise it is the main output alone.
    /// </summary>
    public IReadOnlyList<string> Heads
    {
        get => _heads ?? new[] { Outputs[0] };
        init => _heads = value;
    }

    /// <summary>True when the network has more than one head (a multi-task net such as SIFT Flow's).</summary>
    public bool IsMultiTask => Heads.Count > 1;

    /// <summary>The default class count of the output named <paramref name="output"/>.</summary>
    /// <exception cref="System.ArgumentException">The network has no such output.</exception>
    public int ClassesOf(string output)
    {
        int index = Outputs.ToList().IndexOf(output);
        if (index < 0) throw new System.ArgumentException($"{Name} has no output '{output}'; its outputs are {string.Join(", ", Outputs)}.", nameof(output));
        return OutputClasses[index];
    }

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
