using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Builds <see cref="FcnModel"/> values by hand, for emitter tests that must not depend on the YAML front
/// end. Each node's analysis comes from the real <see cref="NodeAnalyzer"/>, so channel counts, crop
/// offsets and parameter counts are the ones the spec compiler would compute. A layer without an explicit
/// input reads the previous node, as written-out backbone layers do.
/// </summary>
internal sealed class ModelBuilder
{
    private readonly string typeName;
    private readonly int classes;
    private readonly List<Node> nodes = new();
    private readonly List<ModelOutput> outputs = new();
    private readonly List<SpecParameter> parameters = new();
    private NodeGroup group = NodeGroup.Backbone;
    private string? description;

    public ModelBuilder(string typeName, int classes = 21, int inputChannels = 3)
    {
        this.typeName = typeName;
        this.classes = classes;
        var input = new InputOperation(inputChannels);
        nodes.Add(new Node("input", input, EquatableArray<string>.Empty,
            NodeAnalyzer.Analyze(input, Array.Empty<AnalyzedInput>(), classes), null, NodeGroup.Input));
    }

    public ModelBuilder Describe(string text) { description = text; return this; }

    public ModelBuilder Parameter(string name, double value, string? text = null) { parameters.Add(new SpecParameter(name, value, text)); return this; }

    /// <summary>Nodes added after this belong to the head.</summary>
    public ModelBuilder Head() { group = NodeGroup.Head; return this; }

    public ModelBuilder Conv(string name, int output, int kernel, int pad = 0, int stride = 1, string? from = null, InitKind init = InitKind.Default, int groups = 1) =>
        Add(name, input => new ConvOperation(input.Channels, ChannelCount.Of(output), kernel, stride, pad, 1, groups, true, init, ScalarValue.Literal(0.01), false), from);

    public ModelBuilder Score(string name, string? from = null) =>
        Add(name, input => new ConvOperation(input.Channels, ChannelCount.Classes, 1, 1, 0, 1, 1, true, InitKind.Zeros, ScalarValue.Literal(0.01), true), from);

    public ModelBuilder Relu(string name, string? from = null) => Add(name, _ => new ReluOperation(), from);

    public ModelBuilder BatchNorm(string name, string? from = null) => Add(name, input => new BatchNormOperation(input.Channels, 1e-5, 0.1), from);

    public ModelBuilder MaxPool(string name, int kernel, int stride, bool ceil = true, string? from = null) =>
        Add(name, _ => new PoolOperation(PoolKind.Max, kernel, stride, 0, ceil), from);

    public ModelBuilder Lrn(string name, string? from = null) => Add(name, _ => new LocalResponseNormOperation(5, 1e-4, 0.75, 1), from);

    public ModelBuilder Dropout(string name, ScalarValue p, string? from = null) => Add(name, _ => new DropoutOperation(p), from);

    public ModelBuilder Scale(string name, ScalarValue factor, string? from = null) => Add(name, _ => new ScaleOperation(factor), from);

    public ModelBuilder Upsample(string name, int factor, string? from = null, bool learnable = true) =>
        Add(name, input => new UpsampleOperation(input.Channels, factor, 2 * factor, factor, 0, false, InitKind.Bilinear, learnable), from);

    public ModelBuilder FcnHead(string name, int channels, string from) =>
        Add(name, input => new FcnHeadOperation(input.Channels, channels, ChannelCount.Classes, ScalarValue.Literal(0.1)), from);

    public ModelBuilder ResNet(string name, int depth, params bool[] dilation) => Add(name, _ => new ResNetOperation(depth, dilation.ToEquatableArray()), "input");

    public ModelBuilder Tap(string name, string from) => Add(name, _ => new TapOperation(name), from);

    public ModelBuilder Resize(string name, string from, string to = "input") => Add(name, _ => new ResizeOperation(to), from, to);

    public ModelBuilder Crop(string name, string from, string to = "input") =>
        Add(name, _ => new CropOperation(to, Offset(Find(to), Find(from))), from, to);

    public ModelBuilder Sum(string name, params string[] inputs) =>
        AddMany(name, new SumOperation(inputs.Select(input => Offset(Find(inputs[0]), Find(input))).ToEquatableArray()), inputs);

    public ModelBuilder Concat(string name, params string[] inputs) =>
        AddMany(name, new ConcatOperation(inputs.Select(input => Offset(Find(inputs[0]), Find(input))).ToEquatableArray()), inputs);

    public ModelBuilder Output(string name, string node) { outputs.Add(new ModelOutput(name, node)); return this; }

    public FcnModel Build(string? @namespace = "Fcn.Generator.Tests.Models", string? specFile = null) => new(
        typeName, @namespace, description, classes, ((InputOperation)nodes[0].Operation).Channels,
        parameters.ToEquatableArray(), nodes.ToEquatableArray(), outputs.ToEquatableArray(),
        specFile ?? typeName.ToLowerInvariant() + ".fcn.yaml",
        "model: " + typeName + "\n# built by hand in a test\n");

    private ModelBuilder Add(string name, Func<NodeAnalysis, NodeOperation> operation, string? from, string? reference = null)
    {
        Node input = from is null ? nodes[nodes.Count - 1] : Find(from);
        NodeOperation op = operation(input.Analysis);
        var analyzed = new List<AnalyzedInput> { new(input.Operation, input.Analysis) };
        if (reference is not null) analyzed.Add(new AnalyzedInput(Find(reference).Operation, Find(reference).Analysis));
        nodes.Add(new Node(name, op, new[] { input.Name }.ToEquatableArray(), NodeAnalyzer.Analyze(op, analyzed, classes), null, group));
        return this;
    }

    private ModelBuilder AddMany(string name, NodeOperation operation, string[] inputs)
    {
        var analyzed = inputs.Select(input => new AnalyzedInput(Find(input).Operation, Find(input).Analysis)).ToList();
        nodes.Add(new Node(name, operation, inputs.ToEquatableArray(), NodeAnalyzer.Analyze(operation, analyzed, classes), null, group));
        return this;
    }

    private Node Find(string name) => nodes.Single(node => node.Name == name);

    private static int Offset(Node reference, Node other)
    {
        Rational offset = NodeAnalyzer.CropOffset(reference.Analysis, other.Analysis);
        return (int)(offset.Numerator / offset.Denominator);
    }
}
