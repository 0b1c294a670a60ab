using System.Linq;
using Fcn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// Generated code for small YAML specs that use the language features the example specs do not
/// (variants, concat, a <c>$parameter</c> scale, batch norm, resize), through the real driver.
/// </summary>
public sealed class LanguageFeatureSnapshotTests
{
    private const string VariantsSpec = """
        # A small net and a variant of it that only changes the class count and a layer's width.
        model: SmallNet
        namespace: Features.Variants
        classes: 3
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: relu1, op: relu }
            - { name: pool1, op: maxpool, kernel: 2 }
        head:
          - { name: score, op: score, from: pool1 }
          - { name: up, op: upsample, from: score, factor: 2 }
          - { name: out_crop, op: crop, from: up, to: input }
        outputs:
          out: out_crop
        variants:
          - model: WideSmallNet
            classes: 5
            backbone:
              layers:
                - { name: conv1, out: 16 }
        """;

    private const string FusionSpec = """
        model: ConcatNet
        namespace: Features.Fusion
        classes: 2
        input_channels: 1
        parameters:
          skip: { default: 0.01, description: Scale of the skip branch. }
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: bn1, op: batchnorm }
            - { name: relu1, op: relu }
            - { name: pool1, op: maxpool, kernel: 2 }
            - { name: conv2, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: relu2, op: relu }
            - { name: pool2, op: maxpool, kernel: 2 }
        head:
          - { name: score2, op: score, from: pool2 }
          - { name: up2, op: upsample, from: score2, factor: 2 }
          - { name: scaled1, op: scale, from: pool1, factor: $skip }
          - { name: score1, op: score, from: scaled1 }
          - { name: both, op: concat, inputs: [score1, up2] }
          - { name: mix, op: conv, from: both, out: 2, kernel: 1 }
          - { name: resized, op: resize, from: mix, to: input }
        outputs:
          out: resized
        """;

    [Theory]
    [InlineData("Features.Variants.SmallNet.g.cs")]
    [InlineData("Features.Variants.WideSmallNet.g.cs")]
    public void Each_variant_is_a_class_of_its_own(string hintName) => VerifyGenerated(VariantsSpec, hintName, hintName.Split('.')[2]);

    [Fact]
    public void Concat_scale_parameter_batchnorm_and_resize() => VerifyGenerated(FusionSpec, "Features.Fusion.ConcatNet.g.cs", null);

    private static void VerifyGenerated(string spec, string hintName, string? parameter, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        GeneratorRunResult result = new GeneratorHarness(new[] { ("/features/spec.fcn.yaml", spec) }).Run();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        GeneratedSourceResult source = Assert.Single(result.GeneratedSources, s => s.HintName == hintName);
        Snapshot.Verify(source.SourceText.ToString(), parameter, testMethod: method);
    }
}
