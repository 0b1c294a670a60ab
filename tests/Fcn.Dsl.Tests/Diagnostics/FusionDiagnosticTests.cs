using Fcn.Dsl.Diagnostics;
using Xunit;

namespace Fcn.Dsl.Tests.Diagnostics;

/// <summary>
/// The diagnostics of several inputs, backbone instances, weighted sums and per-output class counts:
/// each at the line and column where the mistake is written, each with what to do.
/// </summary>
public sealed class FusionDiagnosticTests
{
    /// <summary>The late-fusion NYUD net (nyud-fcn32s-color-hha/net.py), valid.</summary>
    private const string LateFusion =
        "model: Net\n" +                                                                                          // 1
        "inputs: { color: 3, hha: 3 }\n" +                                                                        // 2
        "backbone:\n" +                                                                                           // 3
        "  - { use: vgg16, from: color, suffix: color }\n" +                                                      // 4
        "  - { use: vgg16, from: hha, suffix: hha }\n" +                                                          // 5
        "head:\n" +                                                                                               // 6
        "  - { name: score_frcolor, op: score, from: fc7color }\n" +                                              // 7
        "  - { name: score_frhha, op: score, from: fc7hha }\n" +                                                  // 8
        "  - { name: score_fused, op: sum, inputs: [score_frcolor, score_frhha], coefficients: [0.5, 0.5] }\n" + // 9
        "  - { name: upscore, op: upsample, from: score_fused, factor: 32 }\n" +                                  // 10
        "  - { name: score, op: crop, from: upscore, to: color }\n" +                                             // 11
        "outputs:\n" +                                                                                            // 12
        "  out: score\n";                                                                                         // 13

    /// <summary>SIFT Flow's two heads on one trunk (siftflow-fcn32s/net.py), valid.</summary>
    private const string TwoTasks =
        "model: Net\n" +                                                               // 1
        "backbone: vgg16\n" +                                                          // 2
        "head:\n" +                                                                    // 3
        "  - { name: score_fr_sem, op: score, from: fc7 }\n" +                         // 4
        "  - { name: upscore_sem, op: upsample, from: score_fr_sem, factor: 32 }\n" +  // 5
        "  - { name: score_sem, op: crop, from: upscore_sem }\n" +                     // 6
        "  - { name: score_fr_geo, op: score, from: fc7 }\n" +                         // 7
        "  - { name: upscore_geo, op: upsample, from: score_fr_geo, factor: 32 }\n" +  // 8
        "  - { name: score_geo, op: crop, from: upscore_geo }\n" +                     // 9
        "outputs:\n" +                                                                 // 10
        "  sem: { node: score_sem, classes: 33 }\n" +                                  // 11
        "  geo: { node: score_geo, classes: 3 }\n";                                    // 12

    [Fact]
    public void The_valid_fusion_and_multi_task_specs_have_no_diagnostic()
    {
        Assert.Empty(DiagnosticAssert.Compile(LateFusion));
        Assert.Empty(DiagnosticAssert.Compile(TwoTasks));
    }

    [Fact]
    public void FCN0110_two_backbones_with_one_suffix()
    {
        string spec = LateFusion.Replace("from: hha, suffix: hha", "from: hha, suffix: color");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.DuplicateSuffix, 5, "color", spec);
        Assert.Contains("line 4", diagnostic.Message);
        Assert.Contains("Give each backbone its own 'suffix:'", diagnostic.Message);
    }

    [Fact]
    public void FCN0110_two_backbones_without_suffix()
    {
        string spec = LateFusion.Replace(", suffix: color", "").Replace(", suffix: hha", "");
        DiagnosticAssert.Single(DiagnosticIds.DuplicateSuffix, 5, "{ use", spec);
    }

    /// <summary>Two written-out streams, one per input: each names its own layers, so no suffix is needed (or allowed).</summary>
    private const string TwoWrittenOutStreams =
        "model: Net\n" +                                                                                 // 1
        "inputs: { color: 3, depth: 1 }\n" +                                                             // 2
        "backbone:\n" +                                                                                  // 3
        "  - from: color\n" +                                                                            // 4
        "    layers:\n" +                                                                                // 5
        "      - { name: conv_color, op: conv, out: 8, kernel: 3, pad: 1 }\n" +                          // 6
        "  - from: depth\n" +                                                                            // 7
        "    layers:\n" +                                                                                // 8
        "      - { name: conv_depth, op: conv, out: 8, kernel: 3, pad: 1 }\n" +                          // 9
        "head:\n" +                                                                                      // 10
        "  - { name: score_color, op: score, from: conv_color }\n" +                                     // 11
        "  - { name: score_depth, op: score, from: conv_depth }\n" +                                     // 12
        "  - { name: score, op: sum, inputs: [score_color, score_depth], coefficients: [0.5, 0.5] }\n" + // 13
        "classes: 3\n" +                                                                                 // 14
        "outputs:\n" +                                                                                   // 15
        "  out: score\n";                                                                                // 16

    [Fact]
    public void Two_written_out_streams_need_no_suffix()
    {
        Assert.Empty(DiagnosticAssert.Compile(TwoWrittenOutStreams));
    }

    [Fact]
    public void FCN0104_two_written_out_streams_with_one_layer_name()
    {
        string spec = TwoWrittenOutStreams.Replace("name: conv_depth", "name: conv_color").Replace("from: conv_depth", "from: conv_color");
        DiagnosticAssert.Single(DiagnosticIds.DuplicateName, 9, "conv_color", spec);
    }

    [Fact]
    public void FCN0207_coefficients_that_do_not_match_the_inputs()
    {
        string spec = LateFusion.Replace("coefficients: [0.5, 0.5]", "coefficients: [0.5]");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.CoefficientCount, 9, "[0.5]", spec);
        Assert.Contains("sums 2 inputs but has 1 coefficient", diagnostic.Message);
    }

    [Fact]
    public void FCN1003_an_input_nothing_reads()
    {
        string spec = LateFusion.Replace("inputs: { color: 3, hha: 3 }", "inputs: { color: 3, hha: 3, depth: 1 }");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnusedInput, 2, "depth", spec);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("remove it from 'inputs:'", diagnostic.Message);
    }

    [Fact]
    public void FCN0202_fusing_two_streams_at_different_strides()
    {
        // pool4hha is at stride 16, fc7color at 32: the sum cannot align them.
        string spec = LateFusion.Replace("from: fc7hha", "from: pool4hha");
        DiagnosticAssert.Single(DiagnosticIds.StrideMismatch, 9, "score_frhha", spec);
    }

    [Fact]
    public void FCN0208_a_score_layer_that_feeds_outputs_of_different_class_counts()
    {
        // One score layer for both heads: 33 or 3 channels?
        string spec = TwoTasks.Replace("from: score_fr_geo", "from: score_fr_sem");
        spec = spec.Replace("  - { name: score_fr_geo, op: score, from: fc7 }\n", "  - { name: score_fr_geo, op: relu, from: fc7 }\n");
        SpecDiagnostic diagnostic = Assert.Single(DiagnosticAssert.Compile(spec), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticIds.ClassCountUnknown, 4, DiagnosticAssert.ColumnOf(spec, 4, "score_fr_sem")),
            (diagnostic.Id, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
        Assert.Contains("'sem' and 'geo'", diagnostic.Message);
    }

    [Fact]
    public void FCN0208_an_output_that_returns_no_class_scores()
    {
        // A crop of the 3-channel image is at stride 1, but it scores no class of 'geo'.
        string spec = TwoTasks.Replace("  - { name: score_geo, op: crop, from: upscore_geo }\n", "  - { name: score_geo, op: crop, from: upscore_geo }\n  - { name: image, op: crop, from: input }\n")
            .Replace("geo: { node: score_geo, classes: 3 }", "geo: { node: image, classes: 3 }");
        SpecDiagnostic diagnostic = Assert.Single(DiagnosticAssert.Compile(spec), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticIds.ClassCountUnknown, 13, DiagnosticAssert.ColumnOf(spec, 13, "image")),
            (diagnostic.Id, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void FCN0208_a_concat_of_the_scores_of_two_outputs()
    {
        // 33 + 3 channels of two class counts: no single class count describes them.
        string spec = TwoTasks.Replace("  - { name: score_geo, op: crop, from: upscore_geo }\n",
            "  - { name: score_geo, op: crop, from: upscore_geo }\n  - { name: both, op: concat, inputs: [score_sem, score_geo] }\n");
        DiagnosticAssert.Single(DiagnosticIds.ClassCountUnknown, 10, "score_geo", spec);
    }

    [Fact]
    public void Input_channels_and_inputs_together_are_an_error()
    {
        string spec = LateFusion.Replace("model: Net\n", "model: Net\ninput_channels: 4\n");
        DiagnosticAssert.Single(DiagnosticIds.UnknownKey, 2, "input_channels", spec);
    }

    [Fact]
    public void A_backbone_reading_an_undeclared_input()
    {
        string spec = LateFusion.Replace("from: hha, suffix", "from: hhb, suffix");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownReference, 5, "hhb", spec);
        Assert.Contains("Did you mean 'hha'?", diagnostic.Message);
    }

    [Fact]
    public void A_rename_of_a_layer_the_catalogue_lacks()
    {
        string spec = LateFusion.Replace("from: color, suffix: color }", "from: color, suffix: color, rename: { conv1_9: x } }");
        DiagnosticAssert.Single(DiagnosticIds.UnknownReference, 4, "conv1_9", spec);
    }
}
