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
        List<InputDeclaration> inputs = InputReader.Read(spec, plain);
        List<SpecParameter> parameters = new ParameterReader(plain).Read(spec.Get("parameters"));
        var reader = new ValueReader(sink, parameters.ToDictionary(p => p.Name));
        EquatableArray<PublishedWeightFile> publishedWeights = new PublishedWeightsReader(plain).Read(spec.Get("weights"));

        var backbone = new BackboneDeclarer(reader, inputs);
        int errorsBeforeBackbone = sink.ErrorCount;
        if (spec.Get("backbone") is { } backboneNode) backbone.Declare(backboneNode);
        else sink.Error(DiagnosticIds.MissingField, spec.Span, "A spec needs 'backbone:': a catalogue name (e.g. 'backbone: vgg16') or written-out 'layers:'.");
        var head = new HeadDeclarer(reader);
        if (spec.Get("head") is { } headNode) head.Declare(headNode);
        List<OutputDeclaration> outputs = ReadOutputs(reader);

        var graph = new GraphResolver(sink);
        graph.Resolve(inputs, backbone.Layers, backbone.Taps, head.Nodes, outputs, backboneComplete: sink.ErrorCount == errorsBeforeBackbone && spec.Has("backbone"));
        var names = new NameChecker(sink, typeName, parameters.Select(p => p.Name));
        foreach (DeclaredNode node in backbone.Layers.Concat(head.Nodes)) names.CheckNode(node);
        foreach (TapDeclaration tap in backbone.Taps.Where(t => t.IsExplicit)) names.CheckTap(tap);
        // A layer named like an input (FCN0108, reported above) makes every read of that name ambiguous:
        // building the graph would hand an image to what expects a trunk, so the spec stops here.
        if (backbone.Layers.Concat(head.Nodes).Any(node => inputs.Any(input => input.Name == node.Name))) return null;

        var classCounts = new ClassCounts(classes, outputs.Where(o => o.Classes is not null)
            .Select(o => new OutputClasses(o.Name, o.Classes!.Value)).ToEquatableArray());
        Dictionary<string, Node> built = Build(graph, inputs, classCounts, out List<Node> ordered);
        CheckOutputs(graph, built, classCounts);
        HashSet<string> live = Liveness.Of(ordered, graph.Outputs.Select(output => output.Node));
        WarnUnused(graph, head.Nodes, inputs, live);

        if (sink.HasErrors || unit.ModelName is null) return null;
        var modelOutputs = graph.Outputs.Select(o => new ModelOutput(o.Declaration.Name, o.Node) { Classes = o.Declaration.Classes }).ToEquatableArray();
        // The model's headline class count is its main output's: SIFT Flow's 33 semantic classes.
        int mainClasses = modelOutputs.Count > 0 && modelOutputs[0].Classes is { } own ? own : classes;
        return new FcnModel(typeName, Namespace, description, mainClasses, inputs.Sum(input => input.Channels), parameters.ToEquatableArray(),
            ordered.ToEquatableArray(), modelOutputs, FileName(unit.Path), CanonicalYamlWriter.Write(spec, typeName))
        {
            ClassCounts = classCounts,
            CatalogueBackbone = backbone.CatalogueName,
            PublishedWeights = publishedWeights,
            Taps = graph.Taps.Where(tap => graph.IsTapUsed(tap.Name, live)).Select(tap => new ModelTap(tap.Name, tap.Layer)).ToEquatableArray(),
        };
    }

    private Dictionary<string, Node> Build(GraphResolver graph, IReadOnlyList<InputDeclaration> inputDeclarations, ClassCounts classCounts, out List<Node> ordered)
    {
        var built = new Dictionary<string, Node>();
        ordered = new List<Node>();
        foreach (InputDeclaration declaration in inputDeclarations)
        {
            if (built.ContainsKey(declaration.Name)) continue;
            var input = new InputOperation(declaration.Channels);
            var inputNode = new Node(declaration.Name, input, EquatableArray<string>.Empty,
                NodeAnalyzer.Analyze(input, new AnalyzedInput[0], classCounts), null, NodeGroup.Input);
            built[declaration.Name] = inputNode;
            ordered.Add(inputNode);
        }
        Dictionary<string, HashSet<string?>> fed = classCounts.IsMultiTask ? FedClassSets(graph) : new Dictionary<string, HashSet<string?>>();
        foreach (DeclaredNode declared in graph.Order)
        {
            List<string> inputNames = graph.Inputs[declared];
            if (!inputNames.All(built.ContainsKey)) continue;
            Node? target = null;
            if (graph.Targets.TryGetValue(declared, out string? targetName) && !built.TryGetValue(targetName, out target)) continue;
            var inputs = inputNames.Select(name => built[name]).ToList();
            IReadOnlyCollection<string?> classSets = fed.TryGetValue(declared.Name, out HashSet<string?>? sets) ? sets : new HashSet<string?>();
            NodeOperation? operation = declared.Build(new NodeBuildContext(inputs, target, classCounts.Default, classSets, sink));
            if (operation is null) continue;
            NodeAnalysis analysis = NodeAnalyzer.Analyze(operation, inputs.Select(n => new AnalyzedInput(n.Operation, n.Analysis)).ToList(), classCounts);
            var node = new Node(declared.Name, operation, inputNames.ToEquatableArray(), analysis, declared.Documentation, declared.Group);
            built[declared.Name] = node;
            ordered.Add(node);
        }
        return built;
    }

    /// <summary>
    /// For each node, the class sets of the outputs it leads to through its inputs (not through a crop's size
    /// reference, which lends only a height and width): SIFT Flow's <c>score_fr_sem</c> feeds only <c>sem</c>.
    /// </summary>
    private static Dictionary<string, HashSet<string?>> FedClassSets(GraphResolver graph)
    {
        var byName = graph.Order.ToDictionary(node => node.Name);
        var fed = new Dictionary<string, HashSet<string?>>();
        foreach ((OutputDeclaration declaration, string nodeName) in graph.Outputs)
        {
            var stack = new Stack<string>();
            stack.Push(nodeName);
            while (stack.Count > 0)
            {
                string name = stack.Pop();
                if (!fed.TryGetValue(name, out HashSet<string?>? sets)) fed[name] = sets = new HashSet<string?>();
                if (!sets.Add(declaration.ClassSet)) continue;
                if (byName.TryGetValue(name, out DeclaredNode? node) && graph.Inputs.TryGetValue(node, out List<string>? inputs))
                    foreach (string input in inputs) stack.Push(input);
            }
        }
        return fed;
    }

    private void CheckOutputs(GraphResolver graph, Dictionary<string, Node> built, ClassCounts classCounts)
    {
        foreach ((OutputDeclaration declaration, string nodeName) in graph.Outputs)
        {
            if (!built.TryGetValue(nodeName, out Node? node)) continue;
            if (node.Analysis.Stride != Rational.One)
            {
                sink.Error(DiagnosticIds.OutputStride, declaration.Node.Span,
                    $"The output '{declaration.Name}' returns '{nodeName}', whose stride is {node.Analysis.Stride}: it is not at the input's resolution. Upsample it by {node.Analysis.Stride} (op: upsample) and crop it to the input, or resize it (op: resize).");
                continue;
            }
            // With one class count per output, each output's channels must be exactly its own count.
            ChannelCount expected = ChannelCount.ClassesOf(declaration.ClassSet);
            if (classCounts.IsMultiTask && node.Analysis.Channels != expected)
                sink.Error(DiagnosticIds.ClassCountUnknown, declaration.Node.Span,
                    $"The output '{declaration.Name}' returns '{nodeName}', which has {node.Analysis.Channels} channels, not one score per class of '{declaration.Name}' ({expected}), so its class count cannot be inferred. Return the end of a score chain that only this output reads (score, upsample, crop).");
        }
    }

    private void WarnUnused(GraphResolver graph, IReadOnlyList<DeclaredNode> head, IReadOnlyList<InputDeclaration> inputs, HashSet<string> live)
    {
        // With errors, "unused" is mostly a consequence of them (a broken node reads nothing): stay quiet.
        if (sink.HasErrors || graph.Outputs.Count == 0) return;
        foreach (DeclaredNode node in head)
            if (!live.Contains(node.Name))
                sink.Warning(DiagnosticIds.UnusedHeadNode, node.NameSpan, $"No output depends on the head node '{node.Name}'. Remove it, or read it from a node that leads to an output.");
        foreach (TapDeclaration tap in graph.Taps)
            if (tap.IsExplicit && !graph.IsTapUsed(tap.Name, live))
                sink.Warning(DiagnosticIds.UnusedTap, tap.Span, $"No output depends on the tap '{tap.Name}'. Remove it from 'taps:', or read it in the head.");
        if (inputs.Count > 1)
            foreach (InputDeclaration input in inputs)
                if (!live.Contains(input.Name))
                    sink.Warning(DiagnosticIds.UnusedInput, input.Span, $"No output depends on the input '{input.Name}', yet it is an argument of forward. Read it (e.g. a backbone with 'from: {input.Name}'), or remove it from 'inputs:'.");
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
            else if (ReadOutput(reader, entry) is { } output)
                outputs.Add(output);
        }
        // Every output with its own class count is a task of its own (SIFT Flow's sem and geo): the first
        // written is the main one. Otherwise 'out' is the main prediction and the others are auxiliary.
        bool tasks = outputs.Count > 0 && outputs.All(o => o.Classes is not null);
        if (!mapping.Has("out") && !tasks)
            sink.Error(DiagnosticIds.MissingField, mapping.Span, "'outputs' needs 'out: <node>', the main prediction; other outputs (e.g. 'aux') are auxiliary. (Outputs that each give 'classes:', such as 'sem: { node: score_sem, classes: 33 }', need no 'out'.)");
        // The main output comes first whatever the written order: generated code returns it first.
        return outputs.OrderBy(o => o.Name == "out" ? 0 : 1).ToList();
    }

    /// <summary>An output: <c>out: score</c>, or <c>sem: { node: score_sem, classes: 33 }</c> with its own class count.</summary>
    private OutputDeclaration? ReadOutput(ValueReader reader, MappingEntry entry)
    {
        string name = entry.Key.Value;
        if (entry.Value is not MappingNode written)
            return reader.Word(entry.Value, "outputs." + name) is { } target
                ? new OutputDeclaration(name, entry.Key.Span, new Reference(target, entry.Value.Span))
                : null;
        reader.CheckKeys(written, SpecKeys.Output, "an output");
        int? classes = written.Get("classes") is { } classesNode ? reader.Int(classesNode, "classes", 1, 1, OperationReader.MaxChannels) : null;
        if (written.Get("node") is not { } nodeNode)
        {
            sink.Error(DiagnosticIds.MissingField, written.Span, $"The output '{name}' needs 'node:', the node it returns (e.g. '{{ node: score_{name}, classes: 3 }}').");
            return null;
        }
        return reader.Word(nodeNode, "outputs." + name + ".node") is { } node
            ? new OutputDeclaration(name, entry.Key.Span, new Reference(node, nodeNode.Span)) { Classes = classes }
            : null;
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
