using System;
using System.Linq;
using Fcn.Generator.Tests.Infrastructure;
using Fcn.Tests.Shared;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>What the generator produces for each example spec, through the real driver, against reviewed snapshots.</summary>
public sealed class ExampleSpecSnapshotTests
{
    private static readonly Lazy<GeneratorRunResult> Run = new(() => new GeneratorHarness(ExampleSpecs.All()).Run());

    [Theory]
    [MemberData(nameof(ExampleSpecs.TheoryData), MemberType = typeof(ExampleSpecs))]
    public void Generated_source(string spec)
    {
        string typeName = ModelTypeName(spec);
        GeneratedSourceResult source = Assert.Single(Run.Value.GeneratedSources, s => s.HintName == GeneratorHarness.RootNamespace + "." + typeName + ".g.cs");
        Snapshot.Verify(source.SourceText.ToString(), parameter: spec.Replace(".fcn.yaml", ""));
    }

    [Fact]
    public void Example_specs_produce_no_errors_and_no_generator_failure()
    {
        var problems = Run.Value.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id is "FCN9999" or "CS8785").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Null(Run.Value.Exception);
    }

    /// <summary>The spec's <c>model:</c> line, read directly so this test does not trust the front end for it.</summary>
    internal static string ModelTypeName(string spec) => ExampleSpecs.Text(spec).Split('\n')
        .Select(line => line.Trim())
        .First(line => line.StartsWith("model:", StringComparison.Ordinal))
        .Substring("model:".Length).Trim();
}
