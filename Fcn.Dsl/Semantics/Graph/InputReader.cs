using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Semantics.Reading;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// Reads the network's inputs: <c>inputs: { color: 3, hha: 3 }</c> (names and channel counts, in the
/// order of <c>forward</c>'s arguments), or the single <c>input</c> of <c>input_channels:</c> (default 3)
/// that every spec had before several inputs existed.
/// </summary>
internal static class InputReader
{
    /// <summary>The most inputs a generated module takes: TorchSharp's Module has forward overloads up to six tensors.</summary>
    internal const int MaxInputs = 6;

    public static List<InputDeclaration> Read(MappingNode spec, ValueReader reader)
    {
        DiagnosticSink sink = reader.Sink;
        if (spec.Get("inputs") is not { } node)
            return new List<InputDeclaration> { new(GraphResolver.InputName, reader.Int(spec, "input_channels", 3, 1, OperationReader.MaxChannels), spec.Span) };

        if (spec.Find("input_channels") is { } both)
            sink.Error(DiagnosticIds.UnknownKey, both.Key.Span, "'input_channels' is the channel count of a spec's single input; with 'inputs:', each input gives its own. Remove 'input_channels'.");
        var inputs = new List<InputDeclaration>();
        if (node is not MappingNode mapping || mapping.Entries.Count == 0)
        {
            sink.Error(DiagnosticIds.WrongType, node.Span, $"'inputs' must be a mapping of input names to channel counts such as 'inputs: {{ color: 3, hha: 3 }}', but it is {node.Describe()}.");
            return new List<InputDeclaration> { new(GraphResolver.InputName, 3, spec.Span) };
        }
        if (mapping.Entries.Count > MaxInputs)
            sink.Error(DiagnosticIds.OutOfRange, mapping.Span, $"'inputs' declares {mapping.Entries.Count} inputs, but a generated model takes at most {MaxInputs}. Concatenate some of them before the network.");
        foreach (MappingEntry entry in mapping.Entries.Take(MaxInputs))
        {
            string name = entry.Key.Value;
            int channels = reader.Int(entry.Value, "inputs." + name, 3, 1, OperationReader.MaxChannels);
            if (!IdentifierRules.IsIdentifier(name))
                sink.Error(DiagnosticIds.InvalidIdentifier, entry.Key.Span, $"The input name '{name}' is not a valid C# identifier: it becomes an argument of forward. Use letters, digits and '_' (e.g. 'color').");
            else if (IdentifierRules.Keywords.Contains(name))
                sink.Error(DiagnosticIds.KeywordName, entry.Key.Span, $"The input name '{name}' is a C# keyword. Pick another name (e.g. '{name}_image').");
            else if (IdentifierRules.ReservedMembers.Contains(name) && name != GraphResolver.InputName)
                sink.Error(DiagnosticIds.ReservedName, entry.Key.Span, $"The input name '{name}' collides with a member of the generated class. Rename the input.");
            inputs.Add(new InputDeclaration(name, channels, entry.Key.Span));
        }
        return inputs;
    }
}
