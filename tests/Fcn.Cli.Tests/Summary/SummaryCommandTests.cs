using System.Linq;
using System.Text.Json;
using Fcn.Cli.Tests.Support;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Cli.Tests.Summary;

/// <summary>
/// <c>fcn summary</c> on the example specs reproduces the published numbers: crop offsets and
/// parameter counts. Crop offsets: the Caffe reference's prototxt files (shelhamer/fcn.berkeleyvision.org,
/// voc-fcn32s/voc-fcn16s/voc-fcn8s/voc-fcn-alexnet train.prototxt, "crop_param { offset: N }"). Parameter
/// counts: derived by hand from the layer shapes in tests/Fcn.Dsl.Tests/Analysis/PublishedNetworkAnalysisTests.cs
/// (VGG16 and AlexNet FCNs) and torchvision's models/segmentation/fcn.py ("num_params": 35322218 for
/// fcn_resnet50, 54314346 for fcn_resnet101).
/// </summary>
public sealed class SummaryCommandTests
{
    /// <summary>Crop offsets in head order; parameters at 21 classes (sources above).</summary>
    [Theory]
    [InlineData("fcn32s.fcn.yaml", new[] { 19 }, 136_152_917L)]
    [InlineData("fcn16s.fcn.yaml", new[] { 5, 27 }, 134_815_994L)]
    [InlineData("fcn8s.fcn.yaml", new[] { 5, 9, 31 }, 134_489_759L)]
    [InlineData("fcn8s-atonce.fcn.yaml", new[] { 5, 9, 31 }, 134_489_759L)]
    [InlineData("fcn-alexnet.fcn.yaml", new[] { 18 }, 58_704_590L)]
    [InlineData("fcn-resnet50.fcn.yaml", new int[0], 35_322_218L)]
    [InlineData("fcn-resnet101.fcn.yaml", new int[0], 54_314_346L)]
    // The zoo beyond VOC: the same crops (shelhamer/fcn.berkeleyvision.org's nyud-*, siftflow-*, pascalcontext-*
    // net.py); parameters counted by hand from the layer shapes in tests/Fcn.Dsl.Tests/Language/ZooSpecTests.cs.
    // The early-fusion net's 'data' concatenation crops depth onto color at offset 0.
    [InlineData("nyud-fcn32s-color-hha.fcn.yaml", new[] { 0, 19 }, 275_402_448L)]
    [InlineData("nyud-fcn32s-color-d.fcn.yaml", new[] { 0, 19 }, 140_978_600L)]
    [InlineData("siftflow-fcn8s.fcn.yaml", new[] { 5, 9, 31, 5, 9, 31 }, 134_751_980L)]
    [InlineData("pascalcontext-fcn8s.fcn.yaml", new[] { 5, 9, 31 }, 135_589_364L)]
    public void Json_has_the_reference_crop_offsets_and_parameter_counts(string spec, int[] cropOffsets, long parameters)
    {
        JsonElement model = SingleModel(ExampleSpecs.PathOf(spec));

        int[] crops = model.GetProperty("nodes").EnumerateArray()
            .SelectMany(node => node.GetProperty("crop_offsets").EnumerateArray().Select(offset => offset.GetInt32()))
            .ToArray();
        Assert.Equal(cropOffsets, crops);
        Assert.Equal(parameters, model.GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void Json_and_table_show_the_inputs_the_coefficients_and_the_output_class_counts()
    {
        JsonElement fusion = SingleModel(ExampleSpecs.PathOf("nyud-fcn32s-color-hha.fcn.yaml"));
        Assert.Equal(new[] { ("color", 3), ("hha", 3) },
            fusion.GetProperty("inputs").EnumerateArray().Select(input => (input.GetProperty("name").GetString()!, input.GetProperty("channels").GetInt32())));
        JsonElement fused = fusion.GetProperty("nodes").EnumerateArray().Single(node => node.GetProperty("name").GetString() == "score_fused");
        Assert.Equal(new[] { 0.5, 0.5 }, fused.GetProperty("coefficients").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("conv1_1hha", fusion.GetProperty("nodes").EnumerateArray()
            .Single(node => node.GetProperty("inputs").EnumerateArray().Any(input => input.GetString() == "hha")).GetProperty("name").GetString());

        JsonElement tasks = SingleModel(ExampleSpecs.PathOf("siftflow-fcn32s.fcn.yaml"));
        Assert.Equal(new[] { ("sem", 33), ("geo", 3) },
            tasks.GetProperty("output_classes").EnumerateArray().Select(o => (o.GetProperty("output").GetString()!, o.GetProperty("classes").GetInt32())));
        JsonElement scoreGeo = tasks.GetProperty("nodes").EnumerateArray().Single(node => node.GetProperty("name").GetString() == "score_fr_geo");
        Assert.Equal((3L, "classes_geo"), (scoreGeo.GetProperty("channels").GetInt64(), scoreGeo.GetProperty("channels_formula").GetString()));

        string table = Tool.Run("summary", ExampleSpecs.PathOf("nyud-fcn32s-color-hha.fcn.yaml")).Out;
        Assert.Contains("sum ×0.5, ×0.5", table);
        Assert.Contains("color 3 ch, hha 3 ch", table);
        Assert.Contains("at 33 sem classes, 3 geo classes", Tool.Run("summary", ExampleSpecs.PathOf("siftflow-fcn32s.fcn.yaml")).Out);
    }

    /// <summary>
    /// Per input, in input order: the Caffe reference's voc-fcn8s/train.prototxt crops score_pool4 (the second
    /// input of fuse_pool4) at offset 5 and never crops upscore2, the first.
    /// </summary>
    [Fact]
    public void Json_has_a_crop_offset_or_null_for_every_input()
    {
        JsonElement model = SingleModel(ExampleSpecs.PathOf("fcn8s.fcn.yaml"));
        JsonElement fuse = model.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "fuse_pool4");

        JsonElement[] offsets = fuse.GetProperty("input_crop_offsets").EnumerateArray().ToArray();
        Assert.Equal(2, offsets.Length);
        Assert.Equal(JsonValueKind.Null, offsets[0].ValueKind);
        Assert.Equal(5, offsets[1].GetInt32());
        Assert.StartsWith("Sum of upscore2 and score_pool4, score_pool4 cropped at 5.", fuse.GetProperty("description").GetString());
    }

    [Fact]
    public void Table_shows_the_crop_offsets_and_the_grouped_parameter_count_of_fcn8s()
    {
        CliResult result = Tool.Run("summary", ExampleSpecs.PathOf("fcn8s.fcn.yaml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("134,489,759", result.Out);
        // The crop column of the two fusions and the final crop (reference: 5, 9, 31).
        Assert.Matches(@"fuse_pool4 .*│\s+5 │", result.Out);
        Assert.Matches(@"fuse_pool3 .*│\s+9 │", result.Out);
        Assert.Matches(@"score +│ crop .*│\s+31 │", result.Out);
    }

    /// <summary>
    /// VGG16 at 500x500 (by hand, as in ShapeInferenceTests: each ceil-mode pool halves rounding up, conv1_1's
    /// pad 100 adds 198): 698 -> 349 -> 175 -> 88 -> 44 -> pool5 22x22; fc6 7x7 -> score_fr 16x16.
    /// The output equals the input.
    /// </summary>
    [Fact]
    public void Sizes_at_500x500_match_the_reference_for_vgg16()
    {
        JsonElement model = SingleModel(ExampleSpecs.PathOf("fcn8s.fcn.yaml"));

        Assert.Equal("22x22", NodeSize(model, "pool5"));
        Assert.Equal("16x16", NodeSize(model, "score_fr"));
        JsonElement output = model.GetProperty("at_size").GetProperty("outputs")[0];
        Assert.Equal("out", output.GetProperty("name").GetString());
        Assert.Equal("500x500", output.GetProperty("size").GetString());
    }

    /// <summary>torchvision's FCN resizes both heads to the input (models/segmentation/_utils.py, F.interpolate to input_shape).</summary>
    [Fact]
    public void Resnet_outputs_keep_an_odd_input_size_for_both_heads()
    {
        JsonElement model = SingleModel(ExampleSpecs.PathOf("fcn-resnet50.fcn.yaml"), "--size", "97x131");

        string[] outputs = model.GetProperty("at_size").GetProperty("outputs").EnumerateArray()
            .Select(output => output.GetProperty("name").GetString() + "=" + output.GetProperty("size").GetString())
            .ToArray();
        Assert.Equal(new[] { "out=97x131", "aux=97x131" }, outputs);
        // torchvision fcn.py builds the backbone with replace_stride_with_dilation [False, True, True]: output stride 8.
        Assert.Equal(8, model.GetProperty("output_stride").GetInt64());
    }

    /// <summary>Paper, Table 1: the VGG16 FCNs have a maximum stride of 32.</summary>
    [Fact]
    public void Vgg_output_stride_is_32()
    {
        Assert.Equal(32, SingleModel(ExampleSpecs.PathOf("fcn32s.fcn.yaml")).GetProperty("output_stride").GetInt64());
    }

    [Fact]
    public void Totals_of_a_hand_sized_spec_are_the_hand_computed_ones()
    {
        using var folder = new TempFolder();
        string spec = folder.Write("small.fcn.yaml", SmallSpecs.Small);

        JsonElement model = SingleModel(spec, "--size", "10x10");

        // conv1: 3*3*3*8 weights + 8 biases = 224; score: 8*2 + 2 = 18; total 242.
        Assert.Equal(242, model.GetProperty("parameters").GetInt64());
        // Multiply-adds at 10x10: conv1 100 pixels * 3*3*3 * 8 = 21,600; score 100 * 8 * 2 = 1,600.
        // FLOPs count a multiply-add twice: 2 * 23,200 = 46,400.
        Assert.Equal(46_400, model.GetProperty("at_size").GetProperty("flops").GetInt64());
        // A 3x3 pad-1 conv and a 1x1 conv keep the size, so every input size works, 1x1 included.
        Assert.Equal(1, model.GetProperty("smallest_valid_input").GetInt32());
        // One 3x3 window over the input: the receptive field is 3 pixels.
        Assert.Equal(3, model.GetProperty("receptive_field").GetInt64());
    }

    [Fact]
    public void Json_has_one_object_per_model_with_the_documented_keys()
    {
        using JsonDocument document = JsonDocument.Parse(Tool.Run("summary", ExampleSpecs.PathOf("fcn32s.fcn.yaml"), "--json").Out);

        JsonElement root = document.RootElement;
        Assert.Equal(ExampleSpecs.PathOf("fcn32s.fcn.yaml"), root.GetProperty("spec").GetString());
        JsonElement model = Assert.Single(root.GetProperty("models").EnumerateArray());
        string[] keys = model.EnumerateObject().Select(property => property.Name).ToArray();
        Assert.Equal(
            new[] { "model", "namespace", "description", "spec_file", "classes", "input_channels", "nodes", "parameters", "output_stride", "receptive_field", "smallest_valid_input", "at_size", "inputs", "output_classes" },
            keys);
        JsonElement atSize = model.GetProperty("at_size");
        Assert.Equal(500, atSize.GetProperty("height").GetInt32());
        Assert.Equal(500, atSize.GetProperty("width").GetInt32());
        Assert.Equal(JsonValueKind.Null, atSize.GetProperty("failure").ValueKind);
    }

    [Fact]
    public void Only_the_given_files_models_are_shown_although_its_parents_are_compiled()
    {
        // fcn8s extends Fcn16s extends Fcn32s, found beside it in the folder.
        using JsonDocument document = JsonDocument.Parse(Tool.Run("summary", ExampleSpecs.PathOf("fcn8s.fcn.yaml"), "--json").Out);

        string[] models = document.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("model").GetString()!).ToArray();
        Assert.Equal(new[] { "Fcn8s" }, models);
    }

    [Fact]
    public void An_unknown_model_name_is_an_error_that_lists_the_specs_models()
    {
        CliResult result = Tool.Run("summary", ExampleSpecs.PathOf("fcn8s.fcn.yaml"), "--model", "Fcn9s");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains("Fcn9s", line);
        Assert.Contains("Fcn8s", line);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("500x")]
    [InlineData("0x500")]
    [InlineData("axb")]
    public void A_malformed_size_is_a_one_line_error_naming_the_option(string size)
    {
        CliResult result = Tool.Run("summary", ExampleSpecs.PathOf("fcn8s.fcn.yaml"), "--size", size);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains("--size '" + size + "'", line);
        Assert.Contains("500x500", line);
    }

    [Fact]
    public void A_spec_with_errors_prints_its_diagnostics_and_fails()
    {
        using var folder = new TempFolder();
        string spec = folder.Write("broken.fcn.yaml", SmallSpecs.UnknownBackbone);

        CliResult result = Tool.Run("summary", spec);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(spec + "(3,11): error FCN0101:", result.ErrorLines[0]);
        Assert.Contains("fcn check", result.ErrorLines[^1]);
    }

    private static JsonElement SingleModel(string spec, params string[] options)
    {
        CliResult result = Tool.Run(new[] { "summary", spec, "--json" }.Concat(options).ToArray());
        Assert.True(result.ExitCode == 0, result.Error);
        using JsonDocument document = JsonDocument.Parse(result.Out);
        return Assert.Single(document.RootElement.GetProperty("models").EnumerateArray()).Clone();
    }

    private static string? NodeSize(JsonElement model, string node) =>
        model.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == node).GetProperty("size").GetString();
}
