using System.Linq;
using Fcn.Generator.Pipeline;
using Fcn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// A spec without <c>namespace:</c> gets the project's root namespace plus the folders between the
/// project and the spec, as C# gives a new class; one with <c>namespace:</c> keeps its own.
/// </summary>
public sealed class DefaultNamespaceTests
{
    private static string Spec(string model, string? ns = null) => (ns is null ? "" : "namespace: " + ns + "\n") + $$"""
        model: {{model}}
        classes: 2
        backbone:
          layers:
            - { name: conv1, op: conv, out: 4, kernel: 3, pad: 1 }
        head:
          - { name: score_fr, op: score, from: conv1 }
        outputs:
          out: score_fr
        """;

    [Fact]
    public void Folders_below_the_project_extend_the_root_namespace()
    {
        var harness = new GeneratorHarness(
            new[]
            {
                ("/repo/App/top.fcn.yaml", Spec("TopNet")),
                ("/repo/App/Models/Voc 2012/voc.fcn.yaml", Spec("VocNet")),
                ("/repo/App/Models/own.fcn.yaml", Spec("OwnNet", "Custom.Place")),
                ("/repo/shared/specs/outside.fcn.yaml", Spec("OutsideNet")),
            },
            rootNamespace: "App",
            projectDirectory: "/repo/App/");

        GeneratorRunResult result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            new[] { "App.Models.Voc_2012.VocNet.g.cs", "App.OutsideNet.g.cs", "App.TopNet.g.cs", "Custom.Place.OwnNet.g.cs", RuntimeSetupSource.HintName },
            result.GeneratedSources.Select(source => source.HintName).OrderBy(name => name, System.StringComparer.Ordinal));
    }
}
