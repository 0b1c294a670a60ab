using System.Linq;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Language;

/// <summary>One test per language feature on small written-out specs (hand-computed expectations in comments).</summary>
public sealed class LanguageFeatureTests
{
    // conv1: stride 1; pool1 (2x2 s2): stride 2; conv2 keeps stride 2.
    private const string Base = """
        model: Net
        classes: 5
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: pool1, op: maxpool, kernel: 2 }
            - { name: conv2, op: conv, out: 16, kernel: 3, pad: 1 }
        head:
          - { name: score, op: score, from: conv2 }
          - { name: up, op: upsample, factor: 2 }
        outputs:
          out: up
        """;

    private static SpecCompilation Compile(params string[] specs) =>
        SpecCompiler.Compile(specs.Select((text, i) => SpecCompiler.Parse($"spec{i}.fcn.yaml", text)).ToList(), SpecOptions.Default);

    private static FcnModel Single(string spec)
    {
        SpecCompilation compilation = Compile(spec);
        Assert.Empty(compilation.Diagnostics.Select(d => d.ToString()));
        return Assert.Single(compilation.Models);
    }

    private static Node NodeOf(FcnModel model, string name) => model.Nodes.Single(n => n.Name == name);

    [Fact]
    public void Channels_are_inferred_and_stay_symbolic_in_classes()
    {
        FcnModel model = Single(Base);
        Assert.Equal(new ChannelCount(0, 8), ((ConvOperation)NodeOf(model, "conv2").Operation).In);
        Assert.Equal(ChannelCount.Classes, ((UpsampleOperation)NodeOf(model, "up").Operation).Channels);
        // factor 2: kernel 2 * 2 = 4, stride 2, no bias, bilinear, learnable.
        Assert.Equal(new UpsampleOperation(ChannelCount.Classes, 2, 4, 2, 0, false, InitKind.Bilinear, true), NodeOf(model, "up").Operation);
        Assert.Equal(5, model.Classes);
        Assert.Equal(3, model.InputChannels);
    }

    [Fact]
    public void Concat_sums_channels_and_crops_like_sum()
    {
        // score (classes) and score2 (classes), both at stride 2 with equal offsets: crop offset 0.
        string spec = Base.Replace("  - { name: up, op: upsample, factor: 2 }",
            "  - { name: score2, op: score, from: conv2 }\n  - { name: cat, op: concat, inputs: [score, score2] }\n  - { name: up, op: upsample, factor: 2 }");
        FcnModel model = Single(spec);
        Assert.Equal(new ConcatOperation(new[] { 0, 0 }.ToEquatableArray()), NodeOf(model, "cat").Operation);
        Assert.Equal(new ChannelCount(2, 0), NodeOf(model, "cat").Analysis.Channels);
        Assert.Equal("2*classes", ((UpsampleOperation)NodeOf(model, "up").Operation).Channels.ToString());
    }

    [Fact]
    public void Resize_fcn_head_and_parameters()
    {
        const string spec = """
            model: Net
            parameters:
              head_dropout: { default: 0.2, description: FCNHead dropout. }
            backbone:
              layers:
                - { name: conv1, op: conv, out: 64, kernel: 3, pad: 1, init: normal, std: 0.02 }
                - { name: pool1, op: avgpool, kernel: 2 }
            head:
              - { name: classifier, op: fcn_head, from: pool1, dropout: $head_dropout }
              - { name: resized, op: resize, to: input }
            outputs: { out: resized }
            """;
        FcnModel model = Single(spec);
        // 64 input channels: the default inner width is 64 / 4 = 16.
        Assert.Equal(new FcnHeadOperation(ChannelCount.Of(64), 16, ChannelCount.Classes, new ScalarValue(0.2, "head_dropout")), NodeOf(model, "classifier").Operation);
        Assert.Equal(new ResizeOperation("input"), NodeOf(model, "resized").Operation);
        var conv = (ConvOperation)NodeOf(model, "conv1").Operation;
        Assert.Equal((InitKind.Normal, ScalarValue.Literal(0.02)), (conv.Init, conv.InitStd));
        Assert.Equal(new PoolOperation(PoolKind.Average, 2, 2, 0, false), NodeOf(model, "pool1").Operation);
    }

    [Fact]
    public void Nested_repeats_use_their_own_variables()
    {
        const string spec = """
            model: Net
            backbone:
              layers:
                - op: repeat
                  times: 2
                  layers:
                    - op: repeat
                      var: j
                      times: 2
                      start: 0
                      layers:
                        - { name: "conv{i}_{j}", op: conv, out: 4, kernel: 3, pad: 1 }
                    - { name: "relu{i}", op: relu }
            head:
              - { name: score, op: score, from: relu2 }
            outputs: { out: score }
            """;
        FcnModel model = Single(spec);
        Assert.Equal("input conv1_0 conv1_1 relu1 conv2_0 conv2_1 relu2 score".Split(' '), model.Nodes.Select(n => n.Name));
        Assert.Equal(new[] { "relu1" }, NodeOf(model, "conv2_0").Inputs.ToArray());
    }

    [Fact]
    public void Explicit_crop_offset_is_kept()
    {
        string spec = Base.Replace("  - { name: up, op: upsample, factor: 2 }", "  - { name: up, op: upsample, factor: 2 }\n  - { name: crop, op: crop, offset: 1 }").Replace("out: up", "out: crop");
        Assert.Equal(new CropOperation("input", 1), NodeOf(Single(spec), "crop").Operation);
    }

    [Fact]
    public void Variants_extend_the_spec_they_are_written_in()
    {
        string spec = Base + "\nvariants:\n  - { model: NetBinary, classes: 2 }\n  - model: NetFrozen\n    head:\n      - { name: up, learnable: false }\n";
        SpecCompilation compilation = Compile(spec);
        Assert.Empty(compilation.Diagnostics);
        Assert.Equal(new[] { "Net", "NetBinary", "NetFrozen" }, compilation.Models.Select(m => m.TypeName));
        Assert.Equal(2, compilation.Models[1].Classes);
        Assert.False(((UpsampleOperation)NodeOf(compilation.Models[2], "up").Operation).Learnable);
        Assert.Equal(5, compilation.Models[2].Classes);
        Assert.DoesNotContain("variants", compilation.Models[1].CanonicalSpec);
        Assert.Equal(compilation.Models[0].Nodes.Select(n => n.Name), compilation.Models[2].Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Extends_merges_backbone_keys_and_patches_layers_by_name()
    {
        const string child = """
            model: Child
            extends: Net
            remove: [conv2]
            backbone:
              layers:
                - { name: conv1, out: 32 }
                - { name: conv3, op: conv, out: 4, kernel: 1 }
            head:
              - { name: score, from: conv3 }
            """;
        SpecCompilation compilation = Compile(Base, child);
        Assert.Empty(compilation.Diagnostics);
        FcnModel model = compilation.Models.Single(m => m.TypeName == "Child");
        Assert.Equal("input conv1 pool1 conv3 score up".Split(' '), model.Nodes.Select(n => n.Name));
        Assert.Equal(ChannelCount.Of(32), ((ConvOperation)NodeOf(model, "conv1").Operation).Out);
        Assert.Equal(ChannelCount.Of(32), ((ConvOperation)NodeOf(model, "conv3").Operation).In);
    }

    [Fact]
    public void A_patch_with_another_op_replaces_the_node_and_new_nodes_read_the_entry_above()
    {
        const string child = """
            model: Child
            extends: Net
            head:
              - { name: up, op: resize, from: score2 }
              - { name: score2, op: score, from: conv1 }
              - { name: relu_extra, op: relu }
            outputs: { out: up, aux: relu_extra }
            """;
        // score2 reads conv1 (stride 1) so a resize to the input keeps stride 1; relu_extra reads
        // score2, the entry above it in the child (not 'up', the last node of the merged list).
        // The inherited 'score' is now read by nothing: one warning, at its declaration in the parent's file.
        SpecCompilation compilation = Compile(Base, child);
        var warning = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("FCN1001", "spec0.fcn.yaml", 9), (warning.Id, warning.Location.Path, warning.Location.StartLine));
        Assert.Contains("'score'", warning.Message);
        FcnModel model = compilation.Models.Single(m => m.TypeName == "Child");
        Assert.Equal(new ResizeOperation("input"), NodeOf(model, "up").Operation);
        Assert.Equal(new[] { "score2" }, NodeOf(model, "relu_extra").Inputs.ToArray());
        Assert.Equal(new[] { new ModelOutput("out", "up"), new ModelOutput("aux", "relu_extra") }, model.Outputs.ToArray());
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_equal_files_and_models()
    {
        Assert.Equal(SpecCompiler.Parse("a.fcn.yaml", Base), SpecCompiler.Parse("a.fcn.yaml", Base));
        Assert.Equal(Single(Base), Single(Base));
        // A comment-only edit changes the file (locations) but not the model: the generator's emit step stays cached.
        string commented = Base.Replace("classes: 5", "classes: 5   # five classes");
        Assert.NotEqual(SpecCompiler.Parse("a.fcn.yaml", Base), SpecCompiler.Parse("a.fcn.yaml", commented));
        Assert.Equal(Single(Base), Single(commented));
    }

    [Fact]
    public void Canonical_spec_round_trips_to_an_equal_model()
    {
        FcnModel model = Single(Base);
        FcnModel again = Single(model.CanonicalSpec);
        Assert.Equal(model with { SpecFile = "x" }, again with { SpecFile = "x" });
    }

    [Fact]
    public void Multiple_documents_are_multiple_specs()
    {
        SpecCompilation compilation = Compile(Base + "\n---\n" + Base.Replace("model: Net", "model: Net2"));
        Assert.Empty(compilation.Diagnostics);
        Assert.Equal(new[] { "Net", "Net2" }, compilation.Models.Select(m => m.TypeName));
    }

    [Fact]
    public void Default_namespace_applies_unless_the_spec_names_one()
    {
        SpecCompilation compilation = SpecCompiler.Compile(new[]
        {
            SpecCompiler.Parse("a.fcn.yaml", Base),
            SpecCompiler.Parse("b.fcn.yaml", Base.Replace("model: Net", "model: Net\nnamespace: My.Models")),
        }, new SpecOptions("Project.Specs"));
        Assert.Equal(new[] { "Project.Specs", "My.Models" }, compilation.Models.Select(m => m.Namespace));
    }
}
