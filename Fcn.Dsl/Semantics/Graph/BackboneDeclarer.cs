using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Catalogue;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Semantics.Reading;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// Turns <c>backbone:</c> into declared layers and taps: a catalogue backbone through
/// <see cref="BackboneCatalogue.TryExpand"/>, or written-out layers (with <c>repeat</c> expanded) that run
/// in sequence. A list of backbones declares several instances (the late-fusion NYUD net's color and HHA
/// streams), each reading its own input (<c>from:</c>) and naming its layers and taps with its
/// <c>suffix:</c>, appended with no separator as the Caffe reference does (<c>conv1_1color</c>).
/// <c>from: { data: [color, depth] }</c> reads the channel concatenation of inputs (early fusion), and
/// <c>rename:</c> gives catalogue layers other names (<c>conv1_1: conv1_1_bgrd</c>).
/// </summary>
internal sealed class BackboneDeclarer
{
    /// <summary>Enough for any real backbone; bounds what nested <c>repeat</c>s can expand to.</summary>
    internal const int MaxLayers = 4096;

    private readonly ValueReader reader;
    private readonly OperationReader operations;
    private readonly IReadOnlyList<InputDeclaration> inputs;

    /// <summary>What the instance being declared reads, and how it names its layers.</summary>
    private BackboneInstance instance;

    /// <summary>Written-out layers declared so far in the current instance: the first reads the instance's source.</summary>
    private int layersOfInstance;

    public BackboneDeclarer(ValueReader reader, IReadOnlyList<InputDeclaration> inputs)
    {
        this.reader = reader;
        operations = new OperationReader(reader);
        this.inputs = inputs;
        instance = BackboneInstance.Reading(inputs[0]);
    }

    public List<DeclaredNode> Layers { get; } = new();

    public List<TapDeclaration> Taps { get; } = new();

    /// <summary>The catalogue entry the layers came from (<c>vgg16</c>, <c>resnet50</c>...), or null for written-out layers.</summary>
    public string? CatalogueName { get; private set; }

    private DiagnosticSink Sink => reader.Sink;

    public void Declare(YamlNode backbone)
    {
        switch (backbone)
        {
            case ScalarNode scalar when !scalar.IsNull:
                DeclareCatalogue(scalar, moduleName: "backbone", outputStride: 32);
                break;
            case MappingNode mapping:
                DeclareInstance(mapping);
                break;
            case SequenceNode list when list.Items.Count > 0:
                DeclareInstances(list);
                break;
            default:
                Sink.Error(DiagnosticIds.WrongType, backbone.Span,
                    $"'backbone' must be a catalogue name (e.g. 'backbone: vgg16'), '{{ use: name }}', '{{ layers: [...] }}' or a list of those mappings, but it is {backbone.Describe()}.");
                break;
        }
    }

    /// <summary>
    /// Several backbones, each its own stream. Catalogue backbones take one suffix each, so their layer names cannot
    /// clash; written-out layers name their own (a clash there is FCN0104, as anywhere else).
    /// </summary>
    private void DeclareInstances(SequenceNode list)
    {
        var suffixes = new Dictionary<string, YamlNode>();
        foreach (YamlNode item in list.Items)
        {
            if (item is not MappingNode mapping)
            {
                Sink.Error(DiagnosticIds.WrongType, item.Span, $"Each backbone of the list must be a mapping such as '{{ use: vgg16, from: color, suffix: color }}', but this one is {item.Describe()}.");
                continue;
            }
            if (mapping.Get("use") is null)
            {
                DeclareInstance(mapping);
                continue;
            }
            YamlNode? suffixNode = mapping.Get("suffix");
            string suffix = suffixNode is null ? "" : reader.Word(suffixNode, "suffix") ?? "";
            if (suffixes.TryGetValue(suffix, out YamlNode? first))
            {
                string which = suffix.Length == 0 ? "no suffix" : "the suffix '" + suffix + "'";
                Sink.Error(DiagnosticIds.DuplicateSuffix, (suffixNode ?? mapping).Span,
                    $"This backbone has {which}, like the one at line {first.Span.StartLine}, so their layers would have the same names (conv1_1{suffix}, ...). Give each backbone its own 'suffix:' (e.g. the input it reads: 'suffix: hha').");
                continue;
            }
            suffixes[suffix] = suffixNode ?? mapping;
            DeclareInstance(mapping);
        }
    }

    private void DeclareInstance(MappingNode mapping)
    {
        reader.CheckKeys(mapping, SpecKeys.Backbone, "'backbone'");
        instance = ReadInstance(mapping);
        YamlNode? use = mapping.Get("use");
        YamlNode? layers = mapping.Get("layers");
        if (use is not null && layers is not null)
        {
            Sink.Error(DiagnosticIds.UnknownKey, mapping.Find("layers")!.Key.Span,
                "A backbone is either a catalogue backbone ('use:') or written-out 'layers:', not both. Remove one of them.");
            return;
        }
        if (use is not null)
        {
            foreach (string key in new[] { "taps" })
                if (mapping.Find(key) is { } entry)
                    Sink.Error(DiagnosticIds.UnknownKey, entry.Key.Span, $"'{key}' applies to written-out 'layers:'; a catalogue backbone has its own taps. Remove it.");
            string moduleName = "backbone";
            if (mapping.Get("name") is { } nameNode && reader.Word(nameNode, "name") is { } name) moduleName = name;
            int outputStride = 32;
            if (mapping.Get("output_stride") is { } strideNode)
            {
                int written = reader.Int(strideNode, "output_stride", 32, int.MinValue, int.MaxValue);
                if (SpecKeys.OutputStrides.Contains(written)) outputStride = written;
                else
                    Sink.Error(DiagnosticIds.OutOfRange, strideNode.Span, $"'output_stride' is {written}, but it must be 32, 16 or 8.");
            }
            if (reader.Word(use, "use") is not null) DeclareCatalogue((ScalarNode)use, moduleName, outputStride, mapping.Get("output_stride"));
            return;
        }
        if (layers is null)
        {
            Sink.Error(DiagnosticIds.MissingField, mapping.Span,
                "'backbone' needs either 'use:' (a catalogue backbone such as vgg16) or 'layers:' (written-out layers). Add one.");
            return;
        }
        foreach (string key in new[] { "name", "output_stride", "suffix", "rename" })
            if (mapping.Find(key) is { } entry)
                Sink.Error(DiagnosticIds.UnknownKey, entry.Key.Span, $"'{key}' applies to catalogue backbones ('use:'), not to written-out layers, which name their own layers. Remove it.");
        if (layers is not SequenceNode list)
        {
            Sink.Error(DiagnosticIds.WrongType, layers.Span, $"'layers' must be a list of layers, but it is {layers.Describe()}.");
            return;
        }
        DeclareSource(list.Span);
        layersOfInstance = 0;
        ExpandLayers(list, new List<(string Var, int Value)>());
        DeclareWrittenTaps(mapping.Get("taps"));
    }

    private void DeclareCatalogue(ScalarNode nameNode, string moduleName, int outputStride, YamlNode? strideNode = null)
    {
        string name = nameNode.Value;
        IReadOnlyList<string> known = BackboneCatalogue.Names;
        if (!known.Contains(name))
        {
            Sink.Error(DiagnosticIds.UnknownBackbone, nameNode.Span,
                $"'{name}' is not a catalogue backbone.{Suggestions.DidYouMean(name, known)} Known: {string.Join(", ", known)}; or write the layers out under 'layers:'.");
            return;
        }
        if (!BackboneCatalogue.TryExpand(name, new BackboneOptions(moduleName, outputStride), instance.SourceChannels, out CatalogueBackbone? backbone, out string? error) || backbone is null)
        {
            Sink.Error(DiagnosticIds.BackboneOptions, (strideNode ?? nameNode).Span, (error ?? $"The backbone '{name}' does not accept these options.").TrimEnd('.') + ". Change the options or pick another backbone.");
            return;
        }
        CatalogueName = name;
        if (!CheckRenames(backbone)) return;
        DeclareSource(nameNode.Span);
        string previous = instance.Source;
        foreach (CatalogueLayer layer in backbone.Layers)
        {
            NodeOperation operation = layer.Operation;
            string layerName = instance.NameOf(layer.Name);
            var declared = new DeclaredNode(layerName, nameNode.Span, NodeGroup.Backbone, operation.Kind, _ => operation)
            {
                InputsAreLayerNames = true,
                KeepOnlyIfRead = operation is TapOperation,
                IsUserNamed = false,
            };
            if (layer.Inputs.IsEmpty) declared.Inputs.Add(new Reference(previous, nameNode.Span));
            else foreach (string input in layer.Inputs) declared.Inputs.Add(new Reference(instance.NameOf(input), nameNode.Span));
            Layers.Add(declared);
            if (operation is not TapOperation) previous = layerName;
        }
        foreach (CatalogueTap tap in backbone.Taps)
            Taps.Add(new TapDeclaration(tap.Name + instance.Suffix, instance.NameOf(tap.Layer), nameNode.Span, IsExplicit: false));
    }

    /// <summary>Every layer <c>rename:</c> names must be one of the catalogue backbone's.</summary>
    private bool CheckRenames(CatalogueBackbone backbone)
    {
        var names = new HashSet<string>(backbone.Layers.Select(layer => layer.Name));
        bool ok = true;
        foreach ((string layer, SourceSpan span) in instance.RenameSpans)
        {
            if (names.Contains(layer)) continue;
            Sink.Error(DiagnosticIds.UnknownReference, span,
                $"'rename' names '{layer}', which is not a layer of '{backbone.Name}'.{Suggestions.DidYouMean(layer, names)} Rename one of its layers (e.g. 'conv1_1: conv1_1_bgrd').");
            ok = false;
        }
        return ok;
    }

    /// <summary>
    /// The concatenation of inputs an early-fusion backbone reads (<c>from: { data: [color, depth] }</c>): a
    /// backbone node, and a tap, so the head can crop to it as the Caffe reference crops to <c>data</c>.
    /// </summary>
    private void DeclareSource(SourceSpan at)
    {
        if (instance.Concatenated.Count == 0) return;
        var zeros = Enumerable.Repeat(0, instance.Concatenated.Count).ToEquatableArray();
        var concat = new DeclaredNode(instance.Source, instance.SourceSpan, NodeGroup.Backbone, "concat", _ => new ConcatOperation(zeros))
        {
            InputsAreLayerNames = true,
        };
        foreach (string input in instance.Concatenated) concat.Inputs.Add(new Reference(input, instance.SourceSpan));
        Layers.Add(concat);
        Taps.Add(new TapDeclaration(instance.Source, instance.Source, instance.SourceSpan, IsExplicit: false));
    }

    /// <summary>Reads <c>from:</c>, <c>suffix:</c> and <c>rename:</c> of one backbone mapping.</summary>
    private BackboneInstance ReadInstance(MappingNode mapping)
    {
        var inputsByName = inputs.ToDictionary(input => input.Name);
        BackboneInstance result = BackboneInstance.Reading(inputs[0]);
        if (mapping.Get("from") is { } from)
        {
            if (from is ScalarNode scalar && !scalar.IsNull)
            {
                string name = scalar.Value == GraphResolver.InputName && !inputsByName.ContainsKey(GraphResolver.InputName) ? inputs[0].Name : scalar.Value;
                if (inputsByName.TryGetValue(name, out InputDeclaration? input)) result = BackboneInstance.Reading(input);
                else UnknownInput(scalar, inputsByName.Keys);
            }
            else if (from is MappingNode { Entries.Count: 1 } pair && pair.Entries[0].Value is SequenceNode { Items.Count: >= 2 } list)
            {
                var read = new List<string>();
                int channels = 0;
                foreach (YamlNode item in list.Items)
                {
                    if (reader.Word(item, "from") is not { } name) continue;
                    if (inputsByName.TryGetValue(name, out InputDeclaration? input))
                    {
                        read.Add(name);
                        channels += input.Channels;
                    }
                    else UnknownInput((ScalarNode)item, inputsByName.Keys);
                }
                if (read.Count == list.Items.Count)
                    result = new BackboneInstance(pair.Entries[0].Key.Value, pair.Entries[0].Key.Span, channels, read, "", new Dictionary<string, string>(), new List<(string, SourceSpan)>());
            }
            else
                Sink.Error(DiagnosticIds.WrongType, from.Span,
                    $"A backbone's 'from' is an input name (e.g. 'from: color') or one concatenation of inputs such as 'from: {{ data: [color, depth] }}', but it is {from.Describe()}.");
        }
        string suffix = mapping.Get("suffix") is { } suffixNode ? reader.Word(suffixNode, "suffix") ?? "" : "";
        if (suffix.Length > 0 && !IdentifierRules.IsIdentifierPart(suffix))
            Sink.Error(DiagnosticIds.InvalidIdentifier, mapping.Get("suffix")!.Span, $"The suffix '{suffix}' must be letters, digits and '_', as it ends every layer name (conv1_1{suffix}).");
        var renames = new Dictionary<string, string>();
        var renameSpans = new List<(string, SourceSpan)>();
        if (mapping.Get("rename") is { } renameNode)
        {
            if (renameNode is MappingNode renameMapping)
            {
                foreach (MappingEntry entry in renameMapping.Entries)
                    if (reader.Word(entry.Value, "rename." + entry.Key.Value) is { } newName)
                    {
                        renames[entry.Key.Value] = newName;
                        renameSpans.Add((entry.Key.Value, entry.Key.Span));
                    }
            }
            else
                Sink.Error(DiagnosticIds.WrongType, renameNode.Span, $"'rename' must map catalogue layer names to new names such as '{{ conv1_1: conv1_1_bgrd }}', but it is {renameNode.Describe()}.");
        }
        return result with { Suffix = suffix, Renames = renames, RenameSpans = renameSpans };
    }

    private void UnknownInput(ScalarNode name, IEnumerable<string> known) =>
        Sink.Error(DiagnosticIds.UnknownReference, name.Span,
            $"The backbone reads '{name.Value}', which is not an input.{Suggestions.DidYouMean(name.Value, known.ToList())} Inputs: {string.Join(", ", known)}; declare it under 'inputs:'.");

    private void ExpandLayers(SequenceNode list, List<(string Var, int Value)> scope)
    {
        foreach (YamlNode item in list.Items)
        {
            if (Layers.Count > MaxLayers) return;
            if (item is not MappingNode layer)
            {
                Sink.Error(DiagnosticIds.WrongType, item.Span, $"A layer must be a mapping such as '{{ name: conv1, op: conv, out: 64, kernel: 3 }}', but this one is {item.Describe()}.");
                continue;
            }
            if (layer.Get("op") is not { } opNode)
            {
                Sink.Error(DiagnosticIds.MissingField, layer.Span, $"This layer needs 'op:' (one of: {string.Join(", ", SpecKeys.LayerOps.Keys)}).");
                continue;
            }
            if (reader.Choice(opNode, "op", SpecKeys.LayerOps.Keys.ToList()) is not { } op) continue;
            reader.CheckKeys(layer, SpecKeys.LayerOps[op], $"a '{op}' layer");
            if (op == "repeat") ExpandRepeat(layer, scope);
            else DeclareLayer(layer, op, scope);
        }
    }

    private void ExpandRepeat(MappingNode repeat, List<(string Var, int Value)> scope)
    {
        int times = repeat.Get("times") is { } timesNode ? reader.Int(timesNode, "times", 0, 1, MaxLayers) : Missing(repeat, "times", "3");
        int start = reader.Int(repeat, "start", 1, 0, 1_000_000);
        string variable = "i";
        if (repeat.Get("var") is { } varNode && reader.Word(varNode, "var") is { } written)
        {
            if (!IdentifierRules.IsIdentifier(written))
                Sink.Error(DiagnosticIds.InvalidIdentifier, varNode.Span, $"'var' is '{written}', but it must be a simple name such as 'i' or 'j'.");
            else if (scope.Any(binding => binding.Var == written))
                Sink.Error(DiagnosticIds.DuplicateName, varNode.Span, $"The repeat variable '{written}' is already used by an enclosing repeat. Give nested repeats different variables (e.g. 'var: j').");
            else variable = written;
        }
        if (repeat.Get("layers") is not { } layersNode)
        {
            Missing(repeat, "layers", "[...]");
            return;
        }
        if (layersNode is not SequenceNode body)
        {
            Sink.Error(DiagnosticIds.WrongType, layersNode.Span, $"'layers' must be a list of layers, but it is {layersNode.Describe()}.");
            return;
        }
        for (int index = start; index < start + times; index++)
        {
            int before = Sink.ErrorCount;
            scope.Add((variable, index));
            ExpandLayers(body, scope);
            scope.RemoveAt(scope.Count - 1);
            if (Layers.Count > MaxLayers)
            {
                Sink.Error(DiagnosticIds.OutOfRange, (repeat.Get("times") ?? repeat).Span, $"This repeat expands the backbone beyond {MaxLayers} layers. Lower 'times'.");
                return;
            }
            // The body's own errors are the same in every round: report them once.
            if (Sink.ErrorCount > before) return;
        }
    }

    private void DeclareLayer(MappingNode layer, string op, List<(string Var, int Value)> scope)
    {
        string name = op + "_" + Layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        SourceSpan nameSpan = layer.Span;
        bool named = false;
        if (layer.Get("name") is { } nameNode && reader.Word(nameNode, "name") is { } written)
        {
            name = Substitute(written, scope, nameNode);
            nameSpan = nameNode.Span;
            named = true;
        }
        Func<NodeBuildContext, NodeOperation?>? build = operations.Read(op, layer, name);
        var declared = new DeclaredNode(name, nameSpan, NodeGroup.Backbone, op, build ?? (_ => null))
        {
            InputsAreLayerNames = true,
            Documentation = layer.Documentation,
            IsUserNamed = named,
            IsBroken = build is null,
        };
        declared.Inputs.Add(new Reference(layersOfInstance == 0 ? instance.Source : Layers[Layers.Count - 1].Name, nameSpan));
        Layers.Add(declared);
        layersOfInstance++;
    }

    /// <summary>Replaces <c>{var}</c> by the repeat index; a placeholder of no enclosing repeat is an error.</summary>
    private string Substitute(string name, List<(string Var, int Value)> scope, YamlNode at)
    {
        if (name.IndexOf('{') < 0) return name;
        string result = name;
        foreach ((string variable, int value) in scope)
            result = result.Replace("{" + variable + "}", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (result.IndexOf('{') >= 0 || result.IndexOf('}') >= 0)
        {
            string inScope = scope.Count == 0 ? "there is no enclosing repeat" : "in scope: " + string.Join(", ", scope.Select(binding => "{" + binding.Var + "}"));
            Sink.Error(DiagnosticIds.UnknownReference, at.Span, $"The name '{name}' has a placeholder that is not a repeat variable ({inScope}). Use the variable of an enclosing repeat.");
        }
        return result;
    }

    private void DeclareWrittenTaps(YamlNode? taps)
    {
        var layerNames = new HashSet<string>(Layers.Select(layer => layer.Name));
        if (taps is null)
        {
            foreach (DeclaredNode layer in Layers)
                if (layer.IsUserNamed) Taps.Add(new TapDeclaration(layer.Name, layer.Name, layer.NameSpan, IsExplicit: false));
            return;
        }
        if (taps is not SequenceNode list)
        {
            Sink.Error(DiagnosticIds.WrongType, taps.Span, $"'taps' must be a list of layer names or '{{ tap: layer }}' pairs, but it is {taps.Describe()}.");
            return;
        }
        foreach (YamlNode item in list.Items)
        {
            ScalarNode? tapName = null, layerName = null;
            if (item is ScalarNode scalar && !scalar.IsNull) tapName = layerName = scalar;
            else if (item is MappingNode { Entries.Count: 1 } pair && pair.Entries[0].Value is ScalarNode target && !target.IsNull)
            {
                tapName = pair.Entries[0].Key;
                layerName = target;
            }
            if (tapName is null || layerName is null)
            {
                Sink.Error(DiagnosticIds.WrongType, item.Span, $"A tap is a layer name or a one-pair mapping '{{ tap_name: layer_name }}', but this one is {item.Describe()}.");
                continue;
            }
            if (!layerNames.Contains(layerName.Value))
            {
                Sink.Error(DiagnosticIds.UnknownReference, layerName.Span,
                    $"The tap '{tapName.Value}' reads layer '{layerName.Value}', which is not a layer of the backbone.{Suggestions.DidYouMean(layerName.Value, layerNames)}");
                continue;
            }
            if (Taps.Any(tap => tap.Name == tapName.Value))
            {
                Sink.Error(DiagnosticIds.DuplicateName, tapName.Span, $"The tap '{tapName.Value}' is declared twice. Remove one.");
                continue;
            }
            Taps.Add(new TapDeclaration(tapName.Value, layerName.Value, tapName.Span, IsExplicit: true));
        }
    }

    private int Missing(MappingNode node, string key, string example)
    {
        Sink.Error(DiagnosticIds.MissingField, node.Span, $"A repeat needs '{key}:'. Add it, e.g. '{key}: {example}'.");
        return 0;
    }
}
