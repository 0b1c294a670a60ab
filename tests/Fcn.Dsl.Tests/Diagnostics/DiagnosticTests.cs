using System.Linq;
using Fcn.Dsl.Diagnostics;
using Xunit;

namespace Fcn.Dsl.Tests.Diagnostics;

/// <summary>
/// One test per diagnostic ID: a small spec with exactly that mistake; the ID, the line and column of
/// the offending YAML node, and the part of the message that tells how to fix it. Shapes are
/// hand-computed with Caffe's coord_map rules (caffe/python/caffe/coord_map.py, as the FCN reference uses
/// them in its net.py files), noted next to each spec.
/// FCN0000 (internal error) has no test here: only a compiler bug can reach it.
/// </summary>
public sealed class DiagnosticTests
{
    // conv1: 3x3 pad 1 keeps stride 1 and offset 0. pool1: 2x2 stride 2 gives stride 2.
    // score: 1x1 on pool1 (stride 2). up: factor 2 -> kernel 4, stride 2 -> stride 1.
    private const string Valid = """
        model: Net
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: pool1, op: maxpool, kernel: 2 }
        head:
          - { name: score, op: score, from: pool1 }
          - { name: up, op: upsample, factor: 2 }
        outputs:
          out: up
        """;

    private const string PoolLine = "    - { name: pool1, op: maxpool, kernel: 2 }";

    [Fact]
    public void The_valid_base_spec_has_no_diagnostic() => Assert.Empty(DiagnosticAssert.Compile(Valid));

    [Fact]
    public void FCN0001_yaml_syntax_error_is_located_where_parsing_stopped()
    {
        // The flow mapping opened on line 4 is never closed. The parser gives up on line 5, where the
        // next item starts inside it.
        string spec = Valid.Replace("kernel: 3, pad: 1 }", "kernel: 3, pad: 1");
        SpecDiagnostic diagnostic = Assert.Single(DiagnosticAssert.Compile(spec));
        Assert.Equal(DiagnosticIds.YamlSyntax, diagnostic.Id);
        Assert.InRange(diagnostic.Location.StartLine, 4, 5);
        Assert.Contains("Fix the YAML syntax", diagnostic.Message);
    }

    [Fact]
    public void FCN0001_tab_indentation()
    {
        // YAML forbids tabs for indentation: line 3 starts with one.
        SpecDiagnostic diagnostic = Assert.Single(DiagnosticAssert.Compile("model: Net\nbackbone:\n\tuse: vgg16\n"));
        Assert.Equal((DiagnosticIds.YamlSyntax, 3, 1), (diagnostic.Id, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void FCN0002_unknown_key_suggests_the_closest()
    {
        string spec = Valid.Replace("out: 8, kernel: 3", "out: 8, strid: 2, kernel: 3");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownKey, 4, "strid", spec);
        Assert.Contains("Did you mean 'stride'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0002_a_key_of_another_op_is_unknown_too()
    {
        string spec = Valid.Replace("op: score, from: pool1", "op: score, from: pool1, factor: 2");
        DiagnosticAssert.Single(DiagnosticIds.UnknownKey, 7, "factor", spec);
    }

    [Fact]
    public void FCN0002_unknown_top_level_key()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nclases: 5");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownKey, 2, "clases", spec);
        Assert.Contains("Did you mean 'classes'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0003_wrong_type()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nclasses: [21]");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WrongType, 2, "[21]", spec);
        Assert.Contains("whole number", diagnostic.Message);
    }

    [Fact]
    public void FCN0004_out_of_range()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nclasses: 0");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.OutOfRange, 2, "0", spec);
        Assert.Contains("between 1 and", diagnostic.Message);
    }

    [Fact]
    public void FCN0005_missing_required_field_points_at_the_node()
    {
        string spec = Valid.Replace("out: 8, ", "");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.MissingField, 4, "{", spec);
        Assert.Contains("needs 'out:'", diagnostic.Message);
    }

    [Fact]
    public void FCN0005_first_head_node_must_say_from()
    {
        // Only this error: 'up' still finds 'score', so there is no follow-up "unknown node".
        string spec = Valid.Replace("op: score, from: pool1", "op: score");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.MissingField, 7, "{", spec);
        Assert.Contains("needs 'from:'", diagnostic.Message);
    }

    [Fact]
    public void FCN0006_duplicate_key()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nclasses: 2\nclasses: 3");
        DiagnosticAssert.Single(DiagnosticIds.DuplicateKey, 3, "classes", spec);
    }

    [Fact]
    public void FCN0007_unknown_op_suggests_the_closest()
    {
        string spec = Valid.Replace("op: conv", "op: cnv");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownValue, 4, "cnv", spec);
        Assert.Contains("Did you mean 'conv'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0101_unknown_backbone_without_follow_up_errors()
    {
        // 'fc7' cannot be checked without the backbone: only the backbone is reported.
        const string spec = "model: Net\nbackbone: vgg61\nhead:\n  - { name: score_fr, op: score, from: fc7 }\noutputs: { out: score_fr }\n";
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownBackbone, 2, "vgg61", spec);
        Assert.Contains("Did you mean 'vgg16'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0102_catalogue_rejects_the_options()
    {
        // VGG16 has no dilated form: only output_stride 32 (the catalogue's rule).
        const string spec = """
            model: Net
            backbone: { use: vgg16, output_stride: 8 }
            head:
              - { name: score_fr, op: score, from: fc7 }
              - { name: up, op: upsample, factor: 32 }
            outputs: { out: up }
            """;
        DiagnosticAssert.Single(DiagnosticIds.BackboneOptions, 2, "8", spec);
    }

    [Fact]
    public void FCN0103_unknown_reference_suggests_the_closest()
    {
        string spec = Valid.Replace("from: pool1", "from: pol1");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownReference, 7, "pol1", spec);
        Assert.Contains("Did you mean 'pool1'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0103_a_layer_that_is_not_a_tap_is_named_as_such()
    {
        // Line 6 declares the taps; the head on line 8 reads conv1, which is a layer but not a tap.
        string spec = Valid.Replace(PoolLine, PoolLine + "\n  taps: [pool1]").Replace("from: pool1", "from: conv1");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownReference, 8, "conv1", spec);
        Assert.Contains("add it to the backbone's 'taps:'", diagnostic.Message);
    }

    [Fact]
    public void FCN0103_tap_of_an_unknown_layer()
    {
        string spec = Valid.Replace(PoolLine, PoolLine + "\n  taps: [pool1, { feat: conv9 }]");
        DiagnosticAssert.Single(DiagnosticIds.UnknownReference, 6, "conv9", spec);
    }

    [Fact]
    public void FCN0104_duplicate_name()
    {
        string spec = Valid.Replace("name: up,", "name: conv1,").Replace("out: up", "out: conv1");
        DiagnosticAssert.Single(DiagnosticIds.DuplicateName, 8, "conv1", spec);
    }

    [Fact]
    public void FCN0105_cycle()
    {
        // score reads up (line 7) and up reads score, the node above it (its implicit 'from', reported
        // at the node on line 8, where the cycle closes).
        string spec = Valid.Replace("op: score, from: pool1", "op: score, from: up");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.Cycle, 8, "{", spec);
        Assert.Contains("score -> up -> score", diagnostic.Message);
    }

    [Fact]
    public void FCN0106_invalid_identifier()
    {
        string spec = Valid.Replace("name: conv1", "name: conv-1");
        DiagnosticAssert.Single(DiagnosticIds.InvalidIdentifier, 4, "conv-1", spec);
    }

    [Fact]
    public void FCN0107_keyword()
    {
        string spec = Valid.Replace("name: conv1", "name: class");
        DiagnosticAssert.Single(DiagnosticIds.KeywordName, 4, "class", spec);
    }

    [Theory]
    [InlineData("forward")]
    [InlineData("Info")]
    [InlineData("features")] // its property Features would clash with the Features method
    [InlineData("Net")]      // the model's own type name
    [InlineData("device")]
    [InlineData("parameters")] // would hide TorchSharp's Module.parameters()
    public void FCN0108_reserved_name(string name)
    {
        string spec = Valid.Replace("name: conv1", "name: " + name);
        DiagnosticAssert.Single(DiagnosticIds.ReservedName, 4, name, spec);
    }

    [Fact]
    public void FCN0108_node_named_like_a_parameter()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nparameters: { conv1: 0.5 }");
        DiagnosticAssert.Single(DiagnosticIds.ReservedName, 5, "conv1", spec);
    }

    [Fact]
    public void FCN0109_undeclared_parameter()
    {
        // Line 2 declares 'dropout'; line 6 (the new layer) reads '$drop'.
        string spec = Valid.Replace("model: Net", "model: Net\nparameters: { dropout: 0.2 }")
            .Replace(PoolLine, "    - { name: drop1, op: dropout, p: $dropot }\n" + PoolLine);
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UndeclaredParameter, 6, "$dropot", spec);
        Assert.Contains("Did you mean 'dropout'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0201_sum_of_different_channel_counts()
    {
        // score: 'classes' channels at stride 2; pool1: 8 channels at stride 2. Lines: taps on 6, fuse on 9.
        string spec = Valid.Replace(PoolLine, PoolLine + "\n  taps: [pool1]")
            .Replace("  - { name: up, op: upsample, factor: 2 }", "  - { name: fuse, op: sum, inputs: [score, pool1] }\n  - { name: up, op: upsample, factor: 2 }");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.ChannelMismatch, 9, "pool1", spec);
        Assert.Contains("classes channels", diagnostic.Message);
    }

    [Fact]
    public void FCN0202_fusion_of_different_strides_says_the_factor()
    {
        // score (stride 2) is the reference; score1 on conv1 has stride 1, so the reference needs
        // upsampling by 2 / 1 = 2.
        string spec = Valid.Replace("  - { name: up, op: upsample, factor: 2 }",
            "  - { name: score1, op: score, from: conv1 }\n  - { name: fuse, op: sum, inputs: [score, score1] }\n  - { name: up, op: upsample, from: fuse, factor: 2 }");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.StrideMismatch, 9, "score1", spec);
        Assert.Contains("Upsample 'score' by 2", diagnostic.Message);
    }

    [Fact]
    public void FCN0203_upsampling_finer_than_the_input()
    {
        // score has stride 2; upsampling it by 4 would give stride 2 / 4 = 1/2.
        string spec = Valid.Replace("factor: 2", "factor: 4");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.NonIntegralUpsampling, 8, "4", spec);
        Assert.Contains("stride 1/2", diagnostic.Message);
    }

    [Fact]
    public void FCN0203_fractional_factor()
    {
        string spec = Valid.Replace("factor: 2", "factor: 2.5");
        DiagnosticAssert.Single(DiagnosticIds.NonIntegralUpsampling, 8, "2.5", spec);
    }

    // A 2x2 conv without padding: offset (2 - 1) / 2 = 1/2 input pixel, stride 1.
    private const string HalfPixel = """
        model: Net
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 2 }
        head:
          - { name: score, op: score, from: conv1 }
          - { name: crop, op: crop, to: input }
        outputs: { out: crop }
        """;

    [Fact]
    public void FCN0204_non_integral_crop_offset()
    {
        // crop offset = (0 - 1/2) / 1 = -1/2: not a whole number of pixels.
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.NonIntegralCropOffset, 7, "input", HalfPixel);
        Assert.Contains("-1/2", diagnostic.Message);
    }

    [Fact]
    public void FCN0205_negative_crop_offset_asks_for_padding()
    {
        // A 3x3 conv without padding: offset +1, so the crop offset is (0 - 1) / 1 = -1.
        string spec = HalfPixel.Replace("kernel: 2", "kernel: 3");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.NegativeCropOffset, 7, "input", spec);
        Assert.Contains("Add padding", diagnostic.Message);
    }

    [Fact]
    public void FCN0206_output_not_at_input_resolution()
    {
        // Without 'up' the output is score, at stride 2. Lines: outputs on 8, out on 9.
        string spec = Valid.Replace("out: up", "out: score").Replace("  - { name: up, op: upsample, factor: 2 }\n", "");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.OutputStride, 9, "score", spec);
        Assert.Contains("stride is 2", diagnostic.Message);
    }

    [Fact]
    public void FCN0301_two_specs_generate_the_same_type()
    {
        SpecDiagnostic diagnostic = Assert.Single(DiagnosticAssert.Compile(Valid, Valid));
        Assert.Equal((DiagnosticIds.DuplicateModel, "other1.fcn.yaml", 1, DiagnosticAssert.ColumnOf(Valid, 1, "Net")),
            (diagnostic.Id, diagnostic.Location.Path, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void FCN0301_same_model_in_different_namespaces_is_fine()
    {
        Assert.Empty(DiagnosticAssert.Compile(Valid, Valid.Replace("model: Net", "model: Net\nnamespace: Other")));
    }

    [Fact]
    public void FCN0302_extends_an_unknown_model()
    {
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnknownParent, 2, "Nett", "model: Child\nextends: Nett\n", Valid);
        Assert.Contains("Did you mean 'Net'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0303_extends_cycle()
    {
        var diagnostics = DiagnosticAssert.Compile("model: A\nextends: B\n", "model: B\nextends: A\n");
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal((DiagnosticIds.ExtendsCycle, 2, 10), (d.Id, d.Location.StartLine, d.Location.StartColumn)));
    }

    [Fact]
    public void FCN0304_remove_of_a_node_the_parent_lacks()
    {
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.OverrideMissing, 3, "upp", "model: Child\nextends: Net\nremove: [upp]\n", Valid);
        Assert.Contains("Did you mean 'up'?", diagnostic.Message);
    }

    [Fact]
    public void FCN0304_patch_of_a_node_the_parent_lacks()
    {
        const string child = "model: Child\nextends: Net\nhead:\n  - { name: scor, from: pool1 }\n";
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.OverrideMissing, 4, "scor", child, Valid);
        Assert.Contains("give it an 'op:'", diagnostic.Message);
    }

    [Fact]
    public void FCN0002_patching_a_key_the_op_does_not_have()
    {
        // The patch is validated like the merged node: a score layer has no 'factor'.
        const string child = "model: Child\nextends: Net\nhead:\n  - { name: score, factor: 3 }\n";
        DiagnosticAssert.Single(DiagnosticIds.UnknownKey, 4, "factor", child, Valid);
    }

    [Fact]
    public void FCN1001_unused_head_node_is_a_warning()
    {
        string spec = Valid.Replace("  - { name: up, op: upsample, factor: 2 }", "  - { name: up, op: upsample, factor: 2 }\n  - { name: extra, op: relu, from: score }");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnusedHeadNode, 9, "extra", spec);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void FCN1002_unused_declared_tap_is_a_warning()
    {
        // conv1 runs (pool1 reads it), but nothing reads the tap 'conv1'.
        string spec = Valid.Replace(PoolLine, PoolLine + "\n  taps: [conv1, pool1]");
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.UnusedTap, 6, "conv1", spec);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void Independent_errors_are_all_reported_in_one_run()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nclasses: -1")
            .Replace("out: 8, kernel: 3", "out: 8, kernal: 3")
            .Replace("op: maxpool", "op: maxpol")
            .Replace("factor: 2", "factor: two");
        var ids = DiagnosticAssert.Compile(spec).Select(d => d.Id).ToArray();
        Assert.Contains(DiagnosticIds.OutOfRange, ids);
        Assert.Contains(DiagnosticIds.UnknownKey, ids);
        Assert.Contains(DiagnosticIds.UnknownValue, ids);
        Assert.Contains(DiagnosticIds.WrongType, ids);
    }

    [Fact]
    public void Errors_in_a_parent_are_reported_once_not_once_per_child()
    {
        string parent = Valid.Replace("out: 8,", "out: -8,");
        var diagnostics = DiagnosticAssert.Compile(parent, "model: A\nextends: Net\n", "model: B\nextends: Net\n");
        SpecDiagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticIds.OutOfRange, diagnostic.Id);
    }

    [Fact]
    public void Empty_file_is_reported_at_its_start()
    {
        SpecDiagnostic diagnostic = Assert.Single(DiagnosticAssert.Compile(""));
        Assert.Equal((DiagnosticIds.MissingField, 1, 1), (diagnostic.Id, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
    }

    [Fact]
    public void Diagnostics_render_in_the_msbuild_format()
    {
        string spec = Valid.Replace("model: Net", "model: Net\nclasses: 0");
        Assert.StartsWith("test.fcn.yaml(2,10): error FCN0004: ", Assert.Single(DiagnosticAssert.Compile(spec)).ToString());
    }
}
