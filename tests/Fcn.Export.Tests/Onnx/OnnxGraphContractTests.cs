using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Onnx;
using Xunit;

namespace Fcn.Export.Tests.Onnx;

/// <summary>What a deployment relies on besides the numbers: names, symbolic sizes, versions, metadata, the weight check.</summary>
public sealed class OnnxGraphContractTests
{
    [Fact]
    public void Inputs_outputs_and_initializers_carry_the_specs_names()
    {
        using var model = new FcnResNet50(3);
        ModelProto proto = ModelOnnxExport.Build(model);

        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, proto.OpsetImport.Single().Version);
        ValueInfoProto input = proto.Graph.Input.Single();
        Assert.Equal("input", input.Name);
        Assert.Equal(new[] { "batch", "", "height", "width" }, input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal(3, input.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(new[] { "out", "aux" }, proto.Graph.Output.Select(o => o.Name));
        Assert.All(proto.Graph.Output, output => Assert.Equal(3, output.Type.TensorType.Shape.Dim[1].DimValue));

        // Initializers are the state dict, key for key (PyTorch's batch counters aside).
        var keys = model.state_dict().Keys.Where(key => !key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(keys, proto.Graph.Initializer.Select(i => i.Name).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("backbone.layer4.2.bn3.running_var", proto.Graph.Initializer.Select(i => i.Name));
        Assert.Contains("aux_classifier.4.bias", proto.Graph.Initializer.Select(i => i.Name));
    }

    [Fact]
    public void Metadata_holds_classes_names_normalization_and_the_canonical_spec()
    {
        FcnModel model = Compile(Tiny);
        var names = new[] { "background", "disc", "square" };
        var normalization = new InputNormalization("torchvision", false, 1 / 255.0, new[] { 0.485, 0.456, 0.406 }, new[] { 0.229, 0.224, 0.225 });
        ModelProto proto = OnnxExport.Build(model, SeededWeights.For(OnnxExport.RequiredWeights(model), 1),
            new OnnxExportOptions(ClassNames: names, Normalization: normalization));

        Dictionary<string, string> metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("3", metadata["fcn.classes"]);
        Assert.Equal("background,disc,square", metadata["fcn.class_names"]);
        Assert.Equal("torchvision", metadata["fcn.normalization"]);
        Assert.Equal("0.485,0.456,0.406", metadata["fcn.normalization.mean"]);
        Assert.Equal(model.CanonicalSpec, metadata["fcn.spec"]);
    }

    [Fact]
    public void Weights_that_do_not_fit_are_listed_key_by_key_and_nothing_is_built()
    {
        FcnModel model = Compile(Tiny);
        Dictionary<string, WeightTensor> weights = SeededWeights.For(OnnxExport.RequiredWeights(model), 1);
        weights.Remove("score.bias");
        weights["score.weight"] = new WeightTensor(new long[] { 7, 8, 1, 1 }, new float[56]);
        weights["fc9.weight"] = new WeightTensor(new long[] { 1 }, new float[1]);

        var failure = Assert.Throws<WeightMismatchException>(() => OnnxExport.Build(model, weights));

        Assert.Equal(new[] { "score.bias" }, failure.Fit.Missing.Select(m => m.Key));
        Assert.Equal(new[] { "fc9.weight" }, failure.Fit.Unexpected);
        Assert.Equal("score.weight", failure.Fit.ShapeMismatched.Single().Key);
        string table = failure.Fit.ToTable();
        Assert.StartsWith("loaded 2, missing 1, unexpected 1, shape mismatch 1", table, StringComparison.Ordinal);
        Assert.Contains("spec [3, 8, 1, 1], file [7, 8, 1, 1]", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_class_count_is_read_off_the_score_layers()
    {
        FcnModel model = Compile(Tiny);
        Assert.Equal(11, ClassCount.Infer(model, SeededWeights.For(OnnxExport.RequiredWeights(model, new OnnxExportOptions(Classes: 11)), 1)));
    }

    // Two layers with a weight and a bias each: conv1.weight, conv1.bias, score.weight, score.bias.
    private const string Tiny = @"model: Tiny
classes: 3
backbone:
  layers:
    - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
head:
  - { name: score, op: score, from: conv1 }
outputs: { out: score }
";

    private static FcnModel Compile(string text)
    {
        SpecCompilation compilation = SpecCompiler.CompileText("tiny.fcn.yaml", text);
        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
        return compilation.Models.Single();
    }
}
