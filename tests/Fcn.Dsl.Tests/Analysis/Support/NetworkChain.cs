using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Tests.Analysis.Support;

/// <summary>
/// Builds an analysed network the way the validator will, but by hand: a catalogue backbone's layers
/// in order, then head operations written out in the test. Fusion and crop offsets are computed with
/// <see cref="NodeAnalyzer.CropOffset"/>, so a test of the final crop checks the whole chain of maps.
/// Parsing YAML is the other half of the pipeline and is tested there.
/// </summary>
internal sealed class NetworkChain
{
    private readonly List<Node> nodes = new();
    private readonly Dictionary<string, int> indexByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> taps = new(StringComparer.Ordinal);

    private NetworkChain(int classes, int inputChannels)
    {
        Classes = classes;
        InputChannels = inputChannels;
        Append("input", new InputOperation(inputChannels), Array.Empty<string>(), NodeGroup.Input);
    }

    public int Classes { get; }

    public int InputChannels { get; }

    public IReadOnlyList<Node> Nodes => nodes;

    public long TotalParameters => nodes.Sum(node => node.Analysis.Parameters);

    public NodeAnalysis this[string name] => nodes[indexByName[Resolve(name)]].Analysis;

    public static NetworkChain Input(int classes, int inputChannels = 3) => new(classes, inputChannels);

    /// <summary>A catalogue backbone, expanded and analysed layer by layer; its taps become readable names.</summary>
    public static NetworkChain FromCatalogue(string backbone, int classes, int outputStride = 32, string moduleName = "backbone", int inputChannels = 3)
    {
        if (!BackboneCatalogue.TryExpand(backbone, new BackboneOptions(moduleName, outputStride), inputChannels, out CatalogueBackbone? expanded, out string? error))
            throw new InvalidOperationException(error);

        var chain = new NetworkChain(classes, inputChannels);
        foreach (CatalogueLayer layer in expanded!.Layers)
            chain.Append(layer.Name, layer.Operation, layer.Inputs.ToArray(), NodeGroup.Backbone);
        foreach (CatalogueTap tap in expanded.Taps)
            chain.taps[tap.Name] = tap.Layer;
        return chain;
    }

    /// <summary>Any operation; no inputs means "the previous node".</summary>
    public NetworkChain Add(string name, NodeOperation operation, params string[] inputs)
    {
        Append(name, operation, inputs, NodeGroup.Head);
        return this;
    }

    /// <summary>A convolution with bias on the previous node.</summary>
    public NetworkChain Conv(string name, int outChannels, int kernel, int pad = 0) =>
        Add(name, new ConvOperation(nodes[nodes.Count - 1].Analysis.Channels, ChannelCount.Of(outChannels), kernel, 1, pad, 1, 1, true, InitKind.Default, ScalarValue.Literal(0), IsScore: false));

    /// <summary>Caffe's 2x2 max pool with stride 2, rounding up, on the previous node.</summary>
    public NetworkChain MaxPool(string name) => Add(name, new PoolOperation(PoolKind.Max, 2, 2, 0, CeilMode: true));

    /// <summary>A 1x1 score layer (<c>op: score</c>): in -> classes, with bias.</summary>
    public NetworkChain Score(string name, string from) =>
        Add(name, new ConvOperation(this[from].Channels, ChannelCount.Classes, 1, 1, 0, 1, 1, true, InitKind.Zeros, ScalarValue.Literal(0), IsScore: true), from);

    /// <summary>A bilinear upsampling by <paramref name="factor"/>, kernel 2*factor unless given (the reference's choice).</summary>
    public NetworkChain Upsample(string name, string from, int factor, int? kernel = null) =>
        Add(name, new UpsampleOperation(this[from].Channels, factor, kernel ?? 2 * factor, factor, 0, false, InitKind.Bilinear, true), from);

    /// <summary>A sum whose inputs after the first are cropped onto it at the offsets the coordinate maps give.</summary>
    public NetworkChain Sum(string name, params string[] inputs) =>
        Add(name, new SumOperation(inputs.Select(input => CropOffsetOf(inputs[0], input)).ToEquatableArray()), inputs);

    /// <summary>A crop of <paramref name="from"/> onto <paramref name="reference"/> at the offset the coordinate maps give.</summary>
    public NetworkChain CropTo(string name, string from, string reference) =>
        Add(name, new CropOperation(reference, CropOffsetOf(reference, from)), from);

    public int CropOffsetOf(string reference, string other)
    {
        Rational offset = NodeAnalyzer.CropOffset(this[reference], this[other]);
        if (!offset.IsInteger) throw new InvalidOperationException("Crop offset " + offset + " of " + other + " is not integral.");
        return checked((int)offset.Numerator);
    }

    public FcnModel ToModel(string outputNode, string? auxiliaryNode = null)
    {
        var outputs = new List<ModelOutput> { new("out", Resolve(outputNode)) };
        if (auxiliaryNode is not null) outputs.Add(new ModelOutput("aux", Resolve(auxiliaryNode)));
        return new FcnModel("TestNet", null, null, Classes, InputChannels, EquatableArray<SpecParameter>.Empty,
            nodes.ToEquatableArray(), outputs.ToEquatableArray(), "test.fcn.yaml", "");
    }

    private void Append(string name, NodeOperation operation, string[] inputs, NodeGroup group)
    {
        string[] resolved = inputs.Length == 0 && nodes.Count > 0 ? new[] { nodes[nodes.Count - 1].Name } : inputs.Select(Resolve).ToArray();
        var analyzed = resolved.Select(input => new AnalyzedInput(nodes[indexByName[input]].Operation, nodes[indexByName[input]].Analysis)).ToArray();
        NodeAnalysis analysis = NodeAnalyzer.Analyze(operation, analyzed, Classes);
        indexByName.Add(name, nodes.Count);
        nodes.Add(new Node(name, operation, resolved.ToEquatableArray(), analysis, null, group));
    }

    private string Resolve(string name) => taps.TryGetValue(name, out string? layer) ? layer : name;
}
