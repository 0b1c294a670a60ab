using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Semantics.Reading;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// Resolves the names a spec's nodes read (head node names first, then taps, then <c>input</c>),
/// reports duplicates, unknown references and cycles, orders the nodes topologically (declaration
/// order wherever the dependencies allow it). What the outputs depend on is a fact of the built model
/// (<see cref="Liveness"/>), not of this resolver.
/// </summary>
internal sealed class GraphResolver
{
    public const string InputName = "input";

    private readonly DiagnosticSink sink;
    private readonly Dictionary<string, DeclaredNode> nodesByName = new();
    private readonly Dictionary<string, TapDeclaration> tapsByName = new();
    private readonly List<DeclaredNode> declared = new();
    private readonly HashSet<DeclaredNode> broken = new();

    public GraphResolver(DiagnosticSink sink) => this.sink = sink;

    /// <summary>Resolved input node names of each node, in order.</summary>
    public Dictionary<DeclaredNode, List<string>> Inputs { get; } = new();

    /// <summary>Resolved <c>to:</c> node of each crop and resize.</summary>
    public Dictionary<DeclaredNode, string> Targets { get; } = new();

    /// <summary>The nodes to build, in a topological order (the input node excluded).</summary>
    public List<DeclaredNode> Order { get; } = new();

    /// <summary>Output name -> node name, for outputs whose reference resolved.</summary>
    public List<(OutputDeclaration Declaration, string Node)> Outputs { get; } = new();

    public IReadOnlyCollection<TapDeclaration> Taps => tapsByName.Values;

    /// <summary>Taps read by name, and by which node (or output, as "outputs.name").</summary>
    private readonly List<(string Tap, string Reader)> tapReads = new();

    private bool reportUnknownReferences = true;

    /// <summary>The network's inputs by name, in declaration order (<c>input</c> alone for a spec without <c>inputs:</c>).</summary>
    private readonly List<string> inputNames = new() { InputName };

    /// <summary>Resolves everything; with an incomplete backbone (already reported) unknown names are not reported again.</summary>
    public void Resolve(IReadOnlyList<InputDeclaration> inputs, IReadOnlyList<DeclaredNode> layers, IReadOnlyList<TapDeclaration> taps, IReadOnlyList<DeclaredNode> head, IReadOnlyList<OutputDeclaration> outputs, bool backboneComplete)
    {
        reportUnknownReferences = backboneComplete;
        inputNames.Clear();
        inputNames.AddRange(inputs.Select(input => input.Name));
        foreach (DeclaredNode node in layers.Concat(head)) Declare(node);
        foreach (DeclaredNode node in declared)
            if (node.IsBroken) broken.Add(node);
        foreach (TapDeclaration tap in taps)
        {
            if (nodesByName.TryGetValue(tap.Name, out DeclaredNode? shadow) && shadow.Group == NodeGroup.Head)
                sink.Error(DiagnosticIds.DuplicateName, shadow.NameSpan, $"The head node '{tap.Name}' has the name of a backbone tap, so references to '{tap.Name}' would be ambiguous. Rename the head node.");
            tapsByName[tap.Name] = tap;
        }
        foreach (DeclaredNode node in declared) ResolveReferences(node);
        foreach (OutputDeclaration output in outputs)
            if (ResolveHeadReference(output.Node, "output '" + output.Name + "'", OutputReader(output.Name)) is { } target) Outputs.Add((output, target));
        DropUnreadCatalogueTaps();
        Sort();
    }

    /// <summary>
    /// The input a name reads: a declared input, or <c>input</c>, which always names the first input (so the
    /// default <c>to: input</c> of a crop crops to it, as the late-fusion NYUD net crops to <c>color</c>).
    /// </summary>
    public string? InputNamed(string name) =>
        inputNames.Contains(name) ? name : name == InputName ? inputNames[0] : null;

    private void Declare(DeclaredNode node)
    {
        if (node.Name == InputName)
        {
            sink.Error(DiagnosticIds.ReservedName, node.NameSpan, "'input' is the name of the network's input image. Give this node another name.");
            return;
        }
        if (inputNames.Contains(node.Name))
        {
            sink.Error(DiagnosticIds.DuplicateName, node.NameSpan, $"'{node.Name}' is already the name of an input of the network. Rename the node or the input.");
            return;
        }
        if (nodesByName.TryGetValue(node.Name, out DeclaredNode? first))
        {
            string where = first.Group == NodeGroup.Backbone ? "a backbone layer" : "a head node";
            sink.Error(DiagnosticIds.DuplicateName, node.NameSpan,
                $"'{node.Name}' is already the name of {where} (line {first.NameSpan.StartLine}). Names become fields and state-dict keys, so they must be unique: rename one.");
            return;
        }
        nodesByName[node.Name] = node;
        declared.Add(node);
    }

    private void ResolveReferences(DeclaredNode node)
    {
        var inputs = new List<string>();
        foreach (Reference reference in node.Inputs)
        {
            string? resolved = node.InputsAreLayerNames
                ? (InputNamed(reference.Name) ?? (nodesByName.ContainsKey(reference.Name) ? reference.Name : null))
                : ResolveHeadReference(reference, "'" + node.Name + "'", node.Name);
            if (resolved is null) broken.Add(node);
            else inputs.Add(resolved);
        }
        Inputs[node] = inputs;
        if (node.Target is { } target)
        {
            if (ResolveHeadReference(target, "'" + node.Name + "'", node.Name) is { } resolved) Targets[node] = resolved;
            else broken.Add(node);
        }
    }

    private string? ResolveHeadReference(Reference reference, string subject, string readerName)
    {
        if (nodesByName.TryGetValue(reference.Name, out DeclaredNode? node) && node.Group == NodeGroup.Head) return node.Name;
        if (tapsByName.TryGetValue(reference.Name, out TapDeclaration? tap))
        {
            tapReads.Add((tap.Name, readerName));
            return tap.Layer;
        }
        if (InputNamed(reference.Name) is { } input) return input;
        if (!reportUnknownReferences) return null;
        var candidates = nodesByName.Values.Where(n => n.Group == NodeGroup.Head).Select(n => n.Name)
            .Concat(tapsByName.Keys).Concat(inputNames).Append(InputName).Distinct().ToList();
        string hint = nodesByName.ContainsKey(reference.Name)
            ? $" '{reference.Name}' is a backbone layer that is not a tap: add it to the backbone's 'taps:'."
            : Suggestions.DidYouMean(reference.Name, candidates);
        sink.Error(DiagnosticIds.UnknownReference, reference.Span,
            $"{Capitalize(subject)} reads '{reference.Name}', which is not a head node, a tap or an input.{hint} Taps: {string.Join(", ", tapsByName.Keys.OrderBy(k => k, System.StringComparer.Ordinal))}.");
        return null;
    }

    /// <summary>A catalogue ResNet offers layer1..layer4; only those something reads become nodes.</summary>
    private void DropUnreadCatalogueTaps()
    {
        var read = new HashSet<string>(Inputs.Values.SelectMany(names => names).Concat(Targets.Values).Concat(Outputs.Select(o => o.Node)));
        declared.RemoveAll(node => node.KeepOnlyIfRead && !read.Contains(node.Name));
    }

    /// <summary>Depth-first, in declaration order, so an already ordered spec keeps its order; iterative, as specs can be long chains.</summary>
    private void Sort()
    {
        var state = new Dictionary<DeclaredNode, int>(); // 1 = on the stack, 2 = placed, 3 = broken
        foreach (DeclaredNode root in declared)
        {
            if (state.ContainsKey(root)) continue;
            var stack = new List<(DeclaredNode Node, int Next)> { (root, 0) };
            state[root] = 1;
            while (stack.Count > 0)
            {
                (DeclaredNode node, int next) = stack[stack.Count - 1];
                List<string> dependencies = Dependencies(node);
                if (next < dependencies.Count)
                {
                    stack[stack.Count - 1] = (node, next + 1);
                    if (inputNames.Contains(dependencies[next]) || !nodesByName.TryGetValue(dependencies[next], out DeclaredNode? dependency)) continue;
                    if (!state.TryGetValue(dependency, out int seen))
                    {
                        state[dependency] = 1;
                        stack.Add((dependency, 0));
                    }
                    else if (seen == 1)
                    {
                        ReportCycle(stack, dependency, node);
                        broken.Add(node);
                    }
                    else if (seen == 3) broken.Add(node);
                    continue;
                }
                stack.RemoveAt(stack.Count - 1);
                bool ok = !broken.Contains(node);
                state[node] = ok ? 2 : 3;
                if (ok) Order.Add(node);
            }
        }
    }

    private List<string> Dependencies(DeclaredNode node)
    {
        List<string> inputs = Inputs.TryGetValue(node, out List<string>? resolved) ? resolved : new List<string>();
        return Targets.TryGetValue(node, out string? target) ? inputs.Append(target).ToList() : inputs;
    }

    private void ReportCycle(List<(DeclaredNode Node, int Next)> stack, DeclaredNode start, DeclaredNode closing)
    {
        int from = stack.FindIndex(frame => frame.Node == start);
        var path = stack.Skip(from).Select(frame => frame.Node.Name).Append(start.Name);
        Reference? at = closing.Inputs.Concat(closing.Target is { } t ? new[] { t } : new Reference[0])
            .Select(r => (Reference?)r).FirstOrDefault(r => r!.Value.Name == start.Name || (tapsByName.TryGetValue(r.Value.Name, out var tap) && tap.Layer == start.Name));
        sink.Error(DiagnosticIds.Cycle, at?.Span ?? closing.NameSpan,
            $"The head nodes form a cycle (each reads the next): {string.Join(" -> ", path)}. A node can only read nodes computed before it; break the cycle by changing one 'from'/'inputs'.");
    }

    /// <summary>True when an output, or a node some output depends on (<paramref name="live"/>), reads the tap by its name.</summary>
    public bool IsTapUsed(string tap, ISet<string> live) =>
        tapReads.Any(read => read.Tap == tap && (live.Contains(read.Reader) || Outputs.Any(o => OutputReader(o.Declaration.Name) == read.Reader)));

    private static string OutputReader(string output) => "outputs." + output;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
