using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Canonical;
using Fcn.Dsl.Semantics.Graph;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Semantics.Reading;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics;

/// <summary>
/// Compiles one resolved spec (extends and variants already merged) into an <see cref="FcnModel"/>:
/// reads the top-level fields, declares backbone and head, resolves the graph, builds and analyses
/// every node in topological order, and checks names and outputs. Reports everything it can find;
/// returns a model only when there is no error.
/// </summary>
internal sealed class ModelCompiler
{
    private readonly SpecUnit unit;
    private readonly MappingNode spec;
    private readonly SpecOptions options;
    private readonly DiagnosticSink sink;

    public ModelCompiler(SpecUnit unit, MappingNode resolvedSpec, SpecOptions options, DiagnosticSink sink)
    {
        this.unit = unit;
        spec = resolvedSpec;
        this.options = options;
        this.sink = sink;
    }

    public string? Namespace { get; private set; }

    public FcnModel? Compile()
    {
        var plain = new ValueReader(sink, new Dictionary<string, SpecParameter>());
        plain.CheckKeys(spec, SpecKeys.TopLevel, "a spec");
        if (unit.VariantOf is not null)
            foreach (string key in SpecKeys.NotInVariant)
                if (unit.Root.Find(key) is { } entry)
                    sink.Error(DiagnosticIds.UnknownKey, entry.Key.Span, $"A variant always extends the spec it is written in, so it cannot have '{key}:'. Remove it, or write a separate spec.");

        string typeName = unit.ModelName?.Value ?? "Model";
        if (unit.ModelName is { } modelNode) CheckTypeName(modelNode);
        Namespace = ReadNamespace(plain);
        string? description = ReadDescription(plain);
        int classes = plain.Int(spec, "classes", 21, 1, OperationReader.MaxChannels);
        int inputChannels = plain.Int(spec, "input_channels", 3, 1, OperationReader.MaxChannels);
        List<SpecParameter> parameters = new ParameterReader(plain).Read(spec.Get("parameters"));
        var reader = new ValueReader(sink, parameters.ToDictionary(p => p.Name));
        EquatableArray<PublishedWeightFile> publishedWeights = new PublishedWeightsReader(plain).Read(spec.Get("weights"));

        var backbone = new BackboneDeclarer(reader, inputChannels);
        int errorsBeforeBackbone = sink.ErrorCount;
        if (spec.Get("backbone") is { } backboneNode) backbone.Declare(backboneNode);
        else sink.Error(DiagnosticIds.MissingField, spec.Span, "A spec needs 'backbone:': a catalogue name (e.g. 'backbone: vgg16') or written-out 'layers:'.");
        var head = new HeadDeclarer(reader);
        if (spec.Get("head") is { } headNode) head.Declare(headNode);
        List<OutputDeclaration> outputs = ReadOutputs(reader);

        var graph = new GraphResolver(sink);
        graph.Resolve(backbone.Layers, backbone.Taps, head.Nodes, outputs, backboneComplete: sink.ErrorCount == errorsBeforeBackbone && spec.Has("backbone"));
        var names = new NameChecker(sink, typeName, parameters.Select(p => p.Name));
        foreach (DeclaredNode node in backbone.Layers.Concat(head.Nodes)) names.CheckNode(node);
        foreach (TapDeclaration tap in backbone.Taps.Where(t => t.IsExplicit)) names.CheckTap(tap);

        Dictionary<string, Node> built = Build(graph, classes, inputChannels, out List<Node> ordered);
        CheckOutputs(graph, built);
        HashSet<string> live = Liveness.Of(ordered, graph.Outputs.Select(output => output.Node));
        WarnUnused(graph, head.Nodes, live);

        if (sink.HasErrors || unit.ModelName is null) return null;
        var modelOutputs = graph.Outputs.Select(o => new ModelOutput(o.Declaration.Name, o.Node)).ToEquatableArray();
        return new FcnModel(typeName, Namespace, description, classes, inputChannels, parameters.ToEquatableArray(),
            ordered.ToEquatableArray(), modelOutputs, FileName(unit.Path), CanonicalYamlWriter.Write(spec, typeName))
        {
            CatalogueBackbone = backbone.CatalogueName,
            PublishedWeights = publishedWeights,
            Taps = graph.Taps.Where(tap => graph.IsTapUsed(tap.Name, live)).Select(tap => new ModelTap(tap.Name, tap.Layer)).ToEquatableArray(),
        };
    }

    private Dictionary<string, Node> Build(GraphResolver graph, int classes, int inputChannels, out List<Node> ordered)
    {
        var input = new InputOperation(inputChannels);
        var inputNode = new Node(GraphResolver.InputName, input, EquatableArray<string>.Empty,
            NodeAnalyzer.Analyze(input, new AnalyzedInput[0], classes), null, NodeGroup.Input);
        var built = new Dictionary<string, Node> { [GraphResolver.InputName] = inputNode };
        ordered = new List<Node> { inputNode };
        foreach (DeclaredNode declared in graph.Order)
        {
            List<string> inputNames = graph.Inputs[declared];
            if (!inputNames.All(built.ContainsKey)) continue;
            Node? target = null;
            if (graph.Targets.TryGetValue(declared, out string? targetName) && !built.TryGetValue(targetName, out target)) continue;
            var inputs = inputNames.Select(name => built[name]).ToList();
            NodeOperation? operation = declared.Build(new NodeBuildContext(inputs, target, classes, sink));
            if (operation is null) continue;
            NodeAnalysis analysis = NodeAnalyzer.Analyze(operation, inputs.Select(n => new AnalyzedInput(n.Operation, n.Analysis)).ToList(), classes);
            var node = new Node(declared.Name, operation, inputNames.ToEquatableArray(), analysis, declared.Documentation, declared.Group);
            built[declared.Name] = node;
            ordered.Add(node);
        }
        return built;
    }

    private void CheckOutputs(GraphResolver graph, Dictionary<string, Node> built)
    {
        foreach ((OutputDeclaration declaration, string nodeName) in graph.Outputs)
        {
            if (!built.TryGetValue(nodeName, out Node? node) || node.Analysis.Stride == Rational.One) continue;
            sink.Error(DiagnosticIds.OutputStride, declaration.Node.Span,
                $"The output '{declaration.Name}' returns '{nodeName}', whose stride is {node.Analysis.Stride}: it is not at the input's resolution. Upsample it by {node.Analysis.Stride} (op: upsample) and crop it to the input, or resize it (op: resize).");
        }
    }

    private void WarnUnused(GraphResolver graph, IReadOnlyList<DeclaredNode> head, HashSet<string> live)
    {
        // With errors, "unused" is mostly a consequence of them (a broken node reads nothing): stay quiet.
        if (sink.HasErrors || graph.Outputs.Count == 0) return;
        foreach (DeclaredNode node in head)
            if (!live.Contains(node.Name))
                sink.Warning(DiagnosticIds.UnusedHeadNode, node.NameSpan, $"No output depends on the head node '{node.Name}'. Remove it, or read it from a node that leads to an output.");
        foreach (TapDeclaration tap in graph.Taps)
            if (tap.IsExplicit && !graph.IsTapUsed(tap.Name, live))
                sink.Warning(DiagnosticIds.UnusedTap, tap.Span, $"No output depends on the tap '{tap.Name}'. Remove it from 'taps:', or read it in the head.");
    }

    private List<OutputDeclaration> ReadOutputs(ValueReader reader)
    {
        var outputs = new List<OutputDeclaration>();
        YamlNode? node = spec.Get("outputs");
        if (node is null)
        {
            sink.Error(DiagnosticIds.MissingField, spec.Span, "A spec needs 'outputs:' with at least 'out: <node>' (the main prediction).");
            return outputs;
        }
        if (node is not MappingNode mapping)
        {
            sink.Error(DiagnosticIds.WrongType, node.Span, $"'outputs' must be a mapping such as 'outputs: {{ out: score }}', but it is {node.Describe()}.");
            return outputs;
        }
        foreach (MappingEntry entry in mapping.Entries)
        {
            if (!IdentifierRules.IsIdentifier(entry.Key.Value))
                sink.Error(DiagnosticIds.InvalidIdentifier, entry.Key.Span, $"The output name '{entry.Key.Value}' is not a valid C# identifier (letters, digits and '_', not starting with a digit).");
            else if (reader.Word(entry.Value, "outputs." + entry.Key.Value) is { } target)
                outputs.Add(new OutputDeclaration(entry.Key.Value, entry.Key.Span, new Reference(target, entry.Value.Span)));
        }
        if (!mapping.Has("out"))
            sink.Error(DiagnosticIds.MissingField, mapping.Span, "'outputs' needs 'out: <node>', the main prediction; other outputs (e.g. 'aux') are auxiliary.");
        // The main output comes first whatever the written order: generated code returns it first.
        return outputs.OrderBy(o => o.Name == "out" ? 0 : 1).ToList();
    }

    private void CheckTypeName(ScalarNode modelNode)
    {
        if (!IdentifierRules.IsIdentifier(modelNode.Value))
            sink.Error(DiagnosticIds.InvalidIdentifier, modelNode.Span, $"'model' is '{modelNode.Value}', which is not a valid C# type name. Use letters, digits and '_', e.g. 'MyFcn8s'.");
        else if (IdentifierRules.Keywords.Contains(modelNode.Value))
            sink.Error(DiagnosticIds.KeywordName, modelNode.Span, $"'model' is '{modelNode.Value}', a C# keyword. Pick another type name.");
    }

    private string? ReadNamespace(ValueReader reader)
    {
        string? fallback = options.NamespaceFor(unit.Path);
        if (spec.Get("namespace") is not { } node) return fallback;
        if (reader.Word(node, "namespace") is not { } name) return fallback;
        if (IdentifierRules.IsNamespace(name)) return name;
        sink.Error(DiagnosticIds.InvalidIdentifier, node.Span, $"'namespace' is '{name}', which is not a valid C# namespace. Use dotted identifiers such as 'MyApp.Models'.");
        return fallback;
    }

    /// <summary>The spec's own description, else its own leading comment, else what it inherited.</summary>
    private string? ReadDescription(ValueReader reader)
    {
        if (!unit.Root.Has("description") && unit.LeadingComment is { } comment) return comment;
        if (spec.Get("description") is not { } node) return unit.LeadingComment;
        if (node is ScalarNode scalar && !scalar.IsNull) return scalar.Value;
        sink.Error(DiagnosticIds.WrongType, node.Span, $"'description' must be text, but it is {node.Describe()}.");
        return null;
    }

    private static string FileName(string path)
    {
        int slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
