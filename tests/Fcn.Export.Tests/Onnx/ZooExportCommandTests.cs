using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Export.Tests.PyTorch;
using Fcn.Runtime.Weights;
using Fcn.Tests.Shared;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// <c>fcn export</c> on the zoo's specs: the tool builds the generated zoo model for a fresh
/// initialization, reads each head's class count off a state dict, and writes one Triton input per spec input.
/// </summary>
[Collection(LargeNetsCollection.Name)]
public sealed class ZooExportCommandTests
{
    [Fact]
    public void A_multi_task_spec_exports_fresh_with_each_heads_class_count_and_its_datasets_mean()
    {
        using var folder = new TemporaryFolder("fcn-zoo-cli-");
        string onnx = folder.File("siftflow.onnx");

        FcnCommand.Result result = FcnCommand.Run("export", ExampleSpecs.PathOf("siftflow-fcn32s.fcn.yaml"), "--format", "onnx", "--out", onnx);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("SiftFlowFcn32s (sem 33, geo 3 classes) -> " + onnx, result.Output.Trim());
        using var session = new InferenceSession(onnx);
        Assert.Equal(new[] { "input" }, session.InputNames);
        Assert.Equal(new[] { "sem", "geo" }, session.OutputNames);
        Assert.Equal(new[] { 33, 3 }, session.OutputNames.Select(name => session.OutputMetadata[name].Dimensions[1]));
        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("33", metadata["fcn.output.sem.classes"]);
        Assert.Equal("3", metadata["fcn.output.geo.classes"]);
        // siftflow_layers.py's mean, BGR (shelhamer/fcn.berkeleyvision.org).
        Assert.Equal("114.578,115.294,108.353", metadata["fcn.normalization.mean"]);
        Assert.Equal("114.578,115.294,108.353", metadata["fcn.input.input.normalization.mean"]);
    }

    [Fact]
    public void A_state_dict_of_other_head_sizes_sets_each_heads_count()
    {
        using var folder = new TemporaryFolder("fcn-zoo-cli-");
        string weights = folder.File("siftflow.safetensors"), onnx = folder.File("siftflow.onnx");
        using (var model = new SiftFlowFcn32s(classesSem: 5, classesGeo: 2)) StateDictFile.Write(model, weights);

        FcnCommand.Result result = FcnCommand.Run("export", ExampleSpecs.PathOf("siftflow-fcn32s.fcn.yaml"), "--format", "onnx", "--weights", weights, "--out", onnx);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("SiftFlowFcn32s (sem 5, geo 2 classes) -> " + onnx, result.Output.Trim());
        using var session = new InferenceSession(onnx);
        Assert.Equal(new[] { 5, 2 }, session.OutputNames.Select(name => session.OutputMetadata[name].Dimensions[1]));
    }

    [Fact]
    public void Classes_for_a_net_whose_heads_have_their_own_counts_is_refused_and_nothing_is_written()
    {
        using var folder = new TemporaryFolder("fcn-zoo-cli-");
        string onnx = folder.File("siftflow.onnx");

        FcnCommand.Result result = FcnCommand.Run("export", ExampleSpecs.PathOf("siftflow-fcn32s.fcn.yaml"), "--format", "onnx", "--classes", "5", "--out", onnx);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("every head of SiftFlowFcn32s has its own class count (sem 33, geo 3)", result.Error);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Triton_gets_one_input_per_spec_input()
    {
        using var folder = new TemporaryFolder("fcn-zoo-cli-");

        FcnCommand.Result result = FcnCommand.Run("export", ExampleSpecs.PathOf("nyud-fcn32s-color-d.fcn.yaml"), "--format", "triton", "--out", folder.Path, "--max-batch", "2");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            "name: \"NyudFcn32sColorD\"\nbackend: \"onnxruntime\"\nmax_batch_size: 2\n"
            + "input [\n  {\n    name: \"color\"\n    data_type: TYPE_FP32\n    dims: [ 3, -1, -1 ]\n  },\n"
            + "  {\n    name: \"depth\"\n    data_type: TYPE_FP32\n    dims: [ 1, -1, -1 ]\n  }\n]\n"
            + "output [\n  {\n    name: \"out\"\n    data_type: TYPE_FP32\n    dims: [ 40, -1, -1 ]\n  }\n]\n",
            File.ReadAllText(Path.Combine(folder.Path, "NyudFcn32sColorD", "config.pbtxt")));
        using var session = new InferenceSession(Path.Combine(folder.Path, "NyudFcn32sColorD", "1", "model.onnx"));
        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("color,depth", metadata["fcn.inputs"]);
        // nyud_layers.py's color mean, BGR; depth (log depth minus 7.844) is no 8-bit image and gets none.
        Assert.Equal("116.19,97.203,92.318", metadata["fcn.input.color.normalization.mean"]);
        Assert.False(metadata.ContainsKey("fcn.input.depth.normalization"));
        Assert.False(metadata.ContainsKey("fcn.normalization"));
    }
}
