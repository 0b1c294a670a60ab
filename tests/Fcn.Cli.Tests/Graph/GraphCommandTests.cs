using System.IO;
using System.Linq;
using Fcn.Cli.Graph;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Tests.Support;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Cli.Tests.Graph;

/// <summary><c>fcn graph</c>: DOT and Mermaid structure, crop offsets on the fusion edges, collapsing.</summary>
public sealed class GraphCommandTests
{
    [Fact]
    public void Dot_labels_the_edges_into_fusions_and_the_final_crop_with_the_reference_offsets()
    {
        CliResult result = Tool.Run("graph", ExampleSpecs.PathOf("fcn8s.fcn.yaml"));

        Assert.Equal(0, result.ExitCode);
        string dot = result.Out;
        Assert.StartsWith("digraph \"Fcn8s\" {\n", dot);
        Assert.EndsWith("}\n", dot);
        // Reference section 1: FCN-8s crops score_pool4 at 5, score_pool3 at 9, the upsampled scores at 31.
        Assert.Contains("\"n_score_pool4\" -> \"n_fuse_pool4\" [label=\"crop 5\"];", dot);
        Assert.Contains("\"n_score_pool3\" -> \"n_fuse_pool3\" [label=\"crop 9\"];", dot);
        Assert.Contains("\"n_upscore8\" -> \"n_score\" [label=\"crop 31\"];", dot);
        // The reference (first) input of a sum is never cropped.
        Assert.Contains("\"n_upscore2\" -> \"n_fuse_pool4\";", dot);
        // The final crop takes the input's size: a dashed reference edge.
        Assert.Contains("\"n_input\" -> \"n_score\" [label=\"size\", style=dashed];", dot);
    }

    [Fact]
    public void A_catalogue_backbone_is_collapsed_into_stages_by_default()
    {
        string dot = Tool.Run("graph", ExampleSpecs.PathOf("fcn32s.fcn.yaml")).Out;

        // VGG16: five pooling stages plus fc6..fc7, i.e. six stage boxes, and no single conv box.
        Assert.Equal(6, dot.Split('\n').Count(line => line.StartsWith("  \"stage_") && line.Contains("[label=")));
        Assert.Contains("\"stage_pool1\" [label=\"conv1_1 … pool1\\n5 layers · 64 ch · stride 2", dot);
        Assert.DoesNotContain("\"n_conv1_1\"", dot);
        // The skip-free FCN-32s reads fc7, the last stage.
        Assert.Contains("\"stage_drop7\" -> \"n_score_fr\";", dot);
    }

    [Fact]
    public void Two_streams_are_two_chains_of_stages_fused_by_a_weighted_sum()
    {
        string dot = Tool.Run("graph", ExampleSpecs.PathOf("nyud-fcn32s-color-hha.fcn.yaml")).Out;

        // Six stages per stream (nyud-fcn32s-color-hha/net.py's two modality_fcn), none spanning both.
        Assert.Equal(12, dot.Split('\n').Count(line => line.StartsWith("  \"stage_") && line.Contains("[label=")));
        Assert.Contains("\"n_hha\" -> \"stage_pool1hha\";", dot);
        Assert.Contains("\"stage_pool5color\" -> \"stage_drop7color\";", dot);
        Assert.DoesNotContain("\"stage_drop7color\" -> \"stage_pool1hha\"", dot);
        Assert.Contains("sum ×0.5 ×0.5", dot);
    }

    [Fact]
    public void Outputs_with_their_own_class_counts_say_how_many()
    {
        string dot = Tool.Run("graph", ExampleSpecs.PathOf("siftflow-fcn8s.fcn.yaml")).Out;

        Assert.Contains("\"output_sem\" [label=\"sem\\n33 classes\"", dot);
        Assert.Contains("\"output_geo\" [label=\"geo\\n3 classes\"", dot);
        Assert.Contains("\"n_score_fr_geo\" [label=\"score_fr_geo\\nscore · 3 ch", dot);
    }

    [Fact]
    public void Collapse_false_draws_every_layer()
    {
        string dot = Tool.Run("graph", ExampleSpecs.PathOf("fcn32s.fcn.yaml"), "--collapse", "false").Out;

        Assert.Contains("\"n_conv1_1\" -> \"n_relu1_1\";", dot);
        Assert.DoesNotContain("stage_", dot);
    }

    [Fact]
    public void Written_out_layers_are_not_collapsed_unless_asked()
    {
        string expanded = Tool.Run("graph", ExampleSpecs.PathOf("tiny-fcn8s.fcn.yaml")).Out;
        string collapsed = Tool.Run("graph", ExampleSpecs.PathOf("tiny-fcn8s.fcn.yaml"), "--collapse").Out;

        Assert.Contains("\"n_conv1_1\"", expanded);
        Assert.DoesNotContain("\"n_conv1_1\"", collapsed);
        Assert.Contains("\"stage_pool3\" -> \"n_score_pool3\";", collapsed);
    }

    [Fact]
    public void Resnet_taps_fold_into_the_trunk_and_name_the_edges()
    {
        string mermaid = Tool.Run("graph", ExampleSpecs.PathOf("fcn-resnet50.fcn.yaml"), "--format", "mermaid").Out;

        Assert.Contains("n_backbone -->|\"layer4\"| n_classifier", mermaid);
        Assert.Contains("n_backbone -->|\"layer3\"| n_aux_classifier", mermaid);
    }

    [Fact]
    public void Mermaid_is_a_top_down_flowchart_with_labelled_edges()
    {
        string mermaid = Tool.Run("graph", ExampleSpecs.PathOf("fcn16s.fcn.yaml"), "--format", "mermaid").Out;

        string[] lines = mermaid.Split('\n');
        Assert.Equal(new[] { "---", "title: Fcn16s", "---", "flowchart TD" }, lines.Take(4));
        // Reference section 1: FCN-16s crops score_pool4 at 5 and the upsampled scores at 27.
        Assert.Contains("  n_score_pool4 -->|\"crop 5\"| n_fuse_pool4", lines);
        Assert.Contains("  n_upscore16 -->|\"crop 27\"| n_score", lines);
        Assert.Contains("  n_input -.->|\"size\"| n_score", lines);
        Assert.Contains("  output_out([\"out\"])", lines);
    }

    [Fact]
    public void Output_file_format_follows_its_extension()
    {
        using var folder = new TempFolder();
        string file = Path.Combine(folder.Path, "fcn8s.mmd");

        CliResult result = Tool.Run("graph", ExampleSpecs.PathOf("fcn8s.fcn.yaml"), "-o", file);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Wrote " + file + " (mermaid", result.Out);
        Assert.Contains("flowchart TD", File.ReadAllText(file));
    }

    [Fact]
    public void An_unknown_format_is_a_one_line_error()
    {
        CliResult result = Tool.Run("graph", ExampleSpecs.PathOf("fcn8s.fcn.yaml"), "--format", "png");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--format 'png'", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Svg_without_graphviz_says_what_to_install()
    {
        var error = Assert.Throws<UserError>(() => GraphvizRenderer.ToSvg("digraph { a -> b }", "fcn-test-no-such-graphviz"));

        Assert.Contains("Graphviz", error.Message);
        Assert.Contains("--format dot", error.Message);
    }
}
