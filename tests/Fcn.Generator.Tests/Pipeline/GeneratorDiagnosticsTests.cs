using System.Linq;
using Fcn.Generator.Pipeline;
using Fcn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// Spec problems reach the build as Roslyn diagnostics with the spec's ID, severity and message, located
/// in the YAML file (Roslyn counts lines and columns from 0; the spec compiler from 1).
/// </summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string Path = "/specs/broken.fcn.yaml";

    [Fact]
    public void Unknown_key_is_reported_at_the_key()
    {
        const string spec = "model: Broken\n" +
                            "classes: 4\n" +
                            "clases: 5\n" +          // line 3 (0-based 2), column 1 (0-based 0)
                            "backbone: vgg16\n" +
                            "head:\n" +
                            "  - { name: score_fr, op: score, from: fc7 }\n" +
                            "  - { name: upscore, op: upsample, from: score_fr, factor: 32 }\n" +
                            "  - { name: score, op: crop, from: upscore, to: input }\n" +
                            "outputs:\n" +
                            "  out: score\n";
        Diagnostic diagnostic = Single(spec, "FCN0002");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        Assert.Equal(2, span.StartLinePosition.Line);
        Assert.Equal(0, span.StartLinePosition.Character);
        Assert.Equal("FcnDsl", diagnostic.Descriptor.Category);
        Assert.Equal("docs/spec.md#fcn0002", diagnostic.Descriptor.HelpLinkUri);
        Assert.Contains("clases", diagnostic.GetMessage());
    }

    [Fact]
    public void Unknown_reference_is_reported_on_its_line()
    {
        const string spec = "model: Broken\n" +
                            "backbone: vgg16\n" +
                            "head:\n" +
                            "  - { name: score_fr, op: score, from: fc8 }\n" +   // line 4 (0-based 3); "fc8" after 6 + 16 + 11 + 6 characters: 0-based column 39
                            "  - { name: upscore, op: upsample, from: score_fr, factor: 32 }\n" +
                            "  - { name: score, op: crop, from: upscore, to: input }\n" +
                            "outputs:\n" +
                            "  out: score\n";
        Diagnostic diagnostic = Single(spec, "FCN0103");

        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Equal(39, span.StartLinePosition.Character);
        Assert.Contains("fc8", diagnostic.GetMessage());
    }

    [Fact]
    public void Yaml_syntax_error_is_an_error_and_generates_nothing()
    {
        const string spec = "model: Broken\n" +
                            "head: [ { name: a, op: relu\n";   // the flow sequence is never closed
        var harness = new GeneratorHarness(new[] { (Path, spec) });
        GeneratorRunResult result = harness.Run();

        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "FCN0001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(result.GeneratedSources);
        Assert.Null(result.Exception);
    }

    [Fact]
    public void Unused_head_node_is_a_warning_and_the_model_is_still_generated()
    {
        const string spec = "model: Extra\n" +
                            "backbone: vgg16\n" +
                            "head:\n" +
                            "  - { name: score_fr, op: score, from: fc7 }\n" +
                            "  - { name: upscore, op: upsample, from: score_fr, factor: 32 }\n" +
                            "  - { name: score, op: crop, from: upscore, to: input }\n" +
                            "  - { name: spare, op: score, from: pool4 }\n" +    // line 7 (0-based 6): nothing reads it
                            "outputs:\n" +
                            "  out: score\n";
        var harness = new GeneratorHarness(new[] { (Path, spec) });
        GeneratorRunResult result = harness.Run();

        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "FCN1001");
        // A warning by default; the harness compiles with warnings as errors, as this repository does.
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.True(diagnostic.IsWarningAsError);
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Single(result.GeneratedSources, source => source.HintName != RuntimeSetupSource.HintName);
    }

    private static Diagnostic Single(string spec, string id)
    {
        GeneratorRunResult result = new GeneratorHarness(new[] { (Path, spec) }).Run();
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "FCN9999");
        return Assert.Single(result.Diagnostics, d => d.Id == id);
    }
}
