using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Dsl.Tests.Language;

/// <summary>
/// The parser's key table (<see cref="SpecKeys"/>), the language reference (docs/spec.md), the JSON
/// Schema (docs/fcn-spec.schema.json) and the diagnostic table must say the same thing.
/// </summary>
public sealed class KeyTableSyncTests
{
    private static readonly string SpecMarkdown = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "spec.md"));
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "fcn-spec.schema.json"))).RootElement;

    private static IEnumerable<(string Place, IReadOnlyList<string> Keys)> Places()
    {
        yield return ("top-level", SpecKeys.TopLevel);
        yield return ("parameter", SpecKeys.Parameter);
        yield return ("backbone", SpecKeys.Backbone);
        yield return ("output", SpecKeys.Output);
        yield return ("weights", SpecKeys.Weights);
        foreach (var op in SpecKeys.LayerOps) yield return ("layer:" + op.Key, op.Value);
        foreach (var op in SpecKeys.HeadOps) yield return ("head:" + op.Key, op.Value);
    }

    [Fact]
    public void Spec_md_lists_exactly_the_accepted_keys_of_every_place()
    {
        var documented = MarkdownTables("keys:");
        Assert.Equal(Places().Select(p => p.Place).OrderBy(p => p), documented.Keys.OrderBy(p => p));
        foreach ((string place, IReadOnlyList<string> keys) in Places())
            Assert.Equal(keys, documented[place].Select(row => row[0].Trim('`')));
    }

    [Fact]
    public void Spec_md_lists_every_diagnostic_with_its_description()
    {
        var rows = MarkdownTables("diagnostics")["diagnostics"];
        Assert.Equal(
            DiagnosticIds.All.Select(d => (d.Id, d.Severity.ToString().ToLowerInvariant(), d.Description)),
            rows.Select(row => (Regex.Replace(row[0], "<[^>]*>", ""), row[1], row[2])));
        // The generator links diagnostics to docs/spec.md#fcnXXXX: every ID has that anchor.
        Assert.All(DiagnosticIds.All, d => Assert.Contains($"<a id=\"{d.Id.ToLowerInvariant()}\"></a>", SpecMarkdown));
    }

    [Fact]
    public void Diagnostic_ids_are_unique_and_well_formed()
    {
        Assert.Equal(DiagnosticIds.All.Count, DiagnosticIds.All.Select(d => d.Id).Distinct().Count());
        Assert.All(DiagnosticIds.All, d => Assert.Matches("^FCN[01][0-9]{3}$", d.Id));
        Assert.All(DiagnosticIds.All, d => Assert.Equal(d.Id.StartsWith("FCN1") ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void Schema_has_exactly_the_accepted_keys_of_every_place()
    {
        JsonElement definitions = Schema.GetProperty("definitions");
        Assert.Equal(SpecKeys.TopLevel, PropertyNames(Schema));
        Assert.Equal(SpecKeys.TopLevel.Except(SpecKeys.NotInVariant), PropertyNames(definitions.GetProperty("variant")));
        Assert.Equal(SpecKeys.Parameter, PropertyNames(definitions.GetProperty("parameters").GetProperty("additionalProperties").GetProperty("oneOf")[1]));
        Assert.Equal(SpecKeys.Backbone, PropertyNames(definitions.GetProperty("backboneMapping")));
        Assert.Equal(SpecKeys.Output, PropertyNames(definitions.GetProperty("outputs").GetProperty("additionalProperties").GetProperty("oneOf")[1]));
        Assert.Equal(SpecKeys.Weights, PropertyNames(definitions.GetProperty("weightFile")));
        Assert.Equal(SpecKeys.WeightPurposes, Enum(definitions.GetProperty("weightFile").GetProperty("properties").GetProperty("for")));
        foreach (var op in SpecKeys.LayerOps) Assert.Equal(op.Value, PropertyNames(definitions.GetProperty("layer_" + op.Key)));
        foreach (var op in SpecKeys.HeadOps) Assert.Equal(op.Value, PropertyNames(definitions.GetProperty("head_" + op.Key)));
        Assert.Equal(SpecKeys.LayerOps.Keys, Enum(definitions.GetProperty("layer").GetProperty("properties").GetProperty("op")));
        Assert.Equal(SpecKeys.HeadOps.Keys, Enum(definitions.GetProperty("headNode").GetProperty("properties").GetProperty("op")));
        Assert.Equal("http://json-schema.org/draft-07/schema#", Schema.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Parser_accepts_every_key_of_its_table_and_rejects_others()
    {
        // Each key of each op, with some value: whatever else is wrong, the key itself is not unknown.
        foreach (var op in SpecKeys.HeadOps)
        {
            foreach (string key in op.Value.Where(k => k is not ("name" or "op")))
            {
                string extra = key == "std" ? ", init: normal" : "";
                string spec = $"model: Net\nbackbone: vgg16\nhead:\n  - {{ name: n, op: {op.Key}, {key}: 1{extra} }}\noutputs: {{ out: n }}\n";
                Assert.DoesNotContain(SpecCompiler.CompileText("t.fcn.yaml", spec).Diagnostics, d => d.Id == DiagnosticIds.UnknownKey);
            }
            string bad = $"model: Net\nbackbone: vgg16\nhead:\n  - {{ name: n, op: {op.Key}, from: fc7, nonsense: 1 }}\noutputs: {{ out: n }}\n";
            Assert.Contains(SpecCompiler.CompileText("t.fcn.yaml", bad).Diagnostics, d => d.Id == DiagnosticIds.UnknownKey);
        }
        foreach (var op in SpecKeys.LayerOps)
        {
            foreach (string key in op.Value.Where(k => k is not "op"))
            {
                string extra = key == "std" ? ", init: normal" : "";
                string spec = $"model: Net\nbackbone:\n  layers:\n    - {{ op: {op.Key}, {key}: 1{extra} }}\noutputs: {{ out: input }}\n";
                Assert.DoesNotContain(SpecCompiler.CompileText("t.fcn.yaml", spec).Diagnostics, d => d.Id == DiagnosticIds.UnknownKey);
            }
        }
    }

    private static IReadOnlyList<string> PropertyNames(JsonElement element) =>
        element.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

    private static IReadOnlyList<string> Enum(JsonElement element) =>
        element.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>The table after each <c>&lt;!-- marker --&gt;</c> comment: place -> rows of cells (header and rule skipped).</summary>
    private static Dictionary<string, List<string[]>> MarkdownTables(string prefix)
    {
        var tables = new Dictionary<string, List<string[]>>();
        string[] lines = SpecMarkdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = Regex.Match(lines[i], "^<!-- (" + Regex.Escape(prefix) + "[^ ]*) -->$");
            if (!marker.Success) continue;
            string place = marker.Groups[1].Value.StartsWith("keys:") ? marker.Groups[1].Value.Substring(5) : marker.Groups[1].Value;
            var rows = new List<string[]>();
            for (int j = i + 3; j < lines.Length && lines[j].StartsWith("|"); j++)
                rows.Add(lines[j].Trim('|').Split('|').Select(cell => cell.Trim()).ToArray());
            tables[place] = rows;
        }
        return tables;
    }
}
