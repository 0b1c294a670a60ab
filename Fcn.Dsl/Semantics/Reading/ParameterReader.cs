using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Reading;

/// <summary>
/// Reads <c>parameters:</c>: each entry is <c>name: number</c> or <c>name: { default: n, description: text }</c>.
/// Parameters become optional constructor arguments, so their names must be C# parameter names.
/// </summary>
internal sealed class ParameterReader
{
    private static readonly HashSet<string> Taken = new() { "classes", "device", "input" };

    private readonly ValueReader reader;

    public ParameterReader(ValueReader reader) => this.reader = reader;

    public List<SpecParameter> Read(YamlNode? node)
    {
        var parameters = new List<SpecParameter>();
        if (node is null || node is ScalarNode { IsNull: true }) return parameters;
        if (node is not MappingNode mapping)
        {
            reader.Sink.Error(DiagnosticIds.WrongType, node.Span, $"'parameters' must be a mapping such as 'parameters: {{ dropout: 0.5 }}', but it is {node.Describe()}.");
            return parameters;
        }
        foreach (MappingEntry entry in mapping.Entries)
        {
            string name = entry.Key.Value;
            if (!CheckName(entry.Key)) continue;
            if (entry.Value is MappingNode details)
            {
                reader.CheckKeys(details, SpecKeys.Parameter, $"the parameter '{name}'");
                if (details.Get("default") is not { } defaultNode)
                {
                    reader.Sink.Error(DiagnosticIds.MissingField, details.Span, $"The parameter '{name}' needs 'default:', the value the constructor uses when none is given.");
                    continue;
                }
                double value = reader.Number(defaultNode, "default", 0, double.MinValue, double.MaxValue);
                string? description = details.Get("description") is { } text ? reader.Word(text, "description") : null;
                parameters.Add(new SpecParameter(name, value, description));
            }
            else
            {
                parameters.Add(new SpecParameter(name, reader.Number(entry.Value, name, 0, double.MinValue, double.MaxValue), null));
            }
        }
        return parameters;
    }

    private bool CheckName(ScalarNode key)
    {
        if (!IdentifierRules.IsIdentifier(key.Value))
            reader.Sink.Error(DiagnosticIds.InvalidIdentifier, key.Span, $"The parameter name '{key.Value}' is not a valid C# identifier (letters, digits and '_', not starting with a digit).");
        else if (IdentifierRules.Keywords.Contains(key.Value))
            reader.Sink.Error(DiagnosticIds.KeywordName, key.Span, $"The parameter name '{key.Value}' is a C# keyword. Pick another name.");
        else if (Taken.Contains(key.Value))
            reader.Sink.Error(DiagnosticIds.ReservedName, key.Span, $"The parameter name '{key.Value}' is taken by the generated constructor or forward method. Pick another name.");
        else return true;
        return false;
    }
}
