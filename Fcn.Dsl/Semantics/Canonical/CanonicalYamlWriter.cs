using System.Collections.Generic;
using System.Linq;
using System.Text;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Canonical;

/// <summary>
/// Writes a resolved spec (extends and variants applied) as canonical YAML: no comments, keys in the
/// language's canonical order (<see cref="SpecKeys"/>), one flow mapping per layer or head node, LF line
/// ends. The same resolved spec always gives the same text, whatever its formatting or comments.
/// </summary>
internal static class CanonicalYamlWriter
{
    public static string Write(MappingNode spec, string typeName)
    {
        var output = new StringBuilder();
        output.Append("model: ").Append(Scalar(typeName)).Append('\n');
        foreach (string key in SpecKeys.TopLevel)
        {
            if (key is "model" or "extends" or "remove" or "variants" || spec.Get(key) is not { } value) continue;
            output.Append(key).Append(':');
            switch (key)
            {
                case "backbone" when value is MappingNode backbone:
                    output.Append('\n');
                    WriteBackbone(output, backbone);
                    break;
                case "backbone" when value is SequenceNode backbones:
                    // Several backbones (streams): one flow mapping each, keys in the table's order.
                    output.Append('\n');
                    foreach (YamlNode item in backbones.Items) output.Append("  - ").Append(Flow(item, SpecKeys.Backbone)).Append('\n');
                    break;
                case "head" when value is SequenceNode head:
                    output.Append('\n');
                    foreach (YamlNode node in head.Items) output.Append("  - ").Append(Flow(node, HeadOrder(node))).Append('\n');
                    break;
                case "weights" when value is SequenceNode files:
                    output.Append('\n');
                    foreach (YamlNode file in files.Items) output.Append("  - ").Append(Flow(file, SpecKeys.Weights)).Append('\n');
                    break;
                case "parameters" or "outputs" when value is MappingNode map:
                    output.Append('\n');
                    foreach (MappingEntry entry in map.Entries)
                        output.Append("  ").Append(Scalar(entry.Key.Value)).Append(": ").Append(Flow(entry.Value, key == "outputs" ? SpecKeys.Output : SpecKeys.Parameter)).Append('\n');
                    break;
                default:
                    output.Append(' ').Append(Flow(value, null)).Append('\n');
                    break;
            }
        }
        return output.ToString();
    }

    private static void WriteBackbone(StringBuilder output, MappingNode backbone)
    {
        foreach (string key in SpecKeys.Backbone)
        {
            if (backbone.Get(key) is not { } value) continue;
            output.Append("  ").Append(key).Append(':');
            if (key == "layers" && value is SequenceNode layers)
            {
                output.Append('\n');
                foreach (YamlNode layer in layers.Items) output.Append("    - ").Append(Flow(layer, LayerOrder(layer))).Append('\n');
            }
            else output.Append(' ').Append(Flow(value, null)).Append('\n');
        }
    }

    /// <summary>A node on one line; mapping keys in <paramref name="order"/> (others after, in written order).</summary>
    private static string Flow(YamlNode node, IReadOnlyList<string>? order) => node switch
    {
        // An unquoted true/false stays a boolean; only a quoted one needs quotes to stay a string.
        ScalarNode scalar => scalar.IsNull ? "null" : !scalar.IsQuoted && IsBoolean(scalar.Value) ? scalar.Value : Scalar(scalar.Value),
        SequenceNode sequence => "[" + string.Join(", ", sequence.Items.Select(item => Flow(item, item is MappingNode m && m.Has("op") ? LayerOrder(item) : null))) + "]",
        MappingNode mapping => "{ " + string.Join(", ", Ordered(mapping, order).Select(entry => Scalar(entry.Key.Value) + ": " + Flow(entry.Value, null))) + " }",
        _ => "null",
    };

    private static IEnumerable<MappingEntry> Ordered(MappingNode mapping, IReadOnlyList<string>? order)
    {
        if (order is null) return mapping.Entries;
        return mapping.Entries.OrderBy(entry => Rank(order, entry.Key.Value));
    }

    private static int Rank(IReadOnlyList<string> order, string key)
    {
        for (int i = 0; i < order.Count; i++)
            if (order[i] == key) return i;
        return order.Count;
    }

    private static IReadOnlyList<string>? HeadOrder(YamlNode node) =>
        node is MappingNode mapping && mapping.Get("op") is ScalarNode op && SpecKeys.HeadOps.TryGetValue(op.Value, out IReadOnlyList<string>? keys) ? keys : null;

    private static IReadOnlyList<string>? LayerOrder(YamlNode node) =>
        node is MappingNode mapping && mapping.Get("op") is ScalarNode op && SpecKeys.LayerOps.TryGetValue(op.Value, out IReadOnlyList<string>? keys) ? keys : null;

    /// <summary>Plain when YAML would read it back as the same string, else double-quoted with escapes.</summary>
    internal static string Scalar(string value)
    {
        if (IsPlainSafe(value)) return value;
        var quoted = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u007f') quoted.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    private static bool IsBoolean(string value) => value == "true" || value == "false";

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value == "null" || value == "~" || value == "true" || value == "false") return false;
        if (value[0] == ' ' || value[value.Length - 1] == ' ' || "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) >= 0) return value[0] == '-' && value.Length > 1 && char.IsDigit(value[1]) && IsSimple(value);
        return IsSimple(value);
    }

    private static bool IsSimple(string value)
    {
        foreach (char c in value)
            if (c < ' ' || c > '~' || c == '#' || c == ':' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' || c == '\'') return false;
        return true;
    }
}
