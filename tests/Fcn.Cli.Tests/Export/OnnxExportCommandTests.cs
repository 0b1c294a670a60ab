using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Cli.Tests.Support;
using Fcn.Runtime.Weights;
using Microsoft.ML.OnnxRuntime;
using Fcn.Tests.Shared;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Cli.Tests.Export;

/// <summary><c>fcn export</c> to ONNX and to a Triton repository, and its refusals.</summary>
public sealed class OnnxExportCommandTests
{
    private static readonly string Tiny = ExampleSpecs.PathOf("tiny-fcn8s.fcn.yaml");

    [Fact]
    public void A_state_dict_exports_to_onnx_and_runs_as_the_torchsharp_model_does()
    {
        using var folder = new TempFolder();
        using var model = new TinyFcn8s(3);
        model.eval();
        RandomizeEverything(model);
        string weights = Path.Combine(folder.Path, "tiny.pt");
        StateDictFile.Write(model, weights);
        string onnx = Path.Combine(folder.Path, "tiny.onnx");

        CliResult result = Tool.Run("export", Tiny, "--format", "onnx", "--weights", weights, "--out", onnx);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("TinyFcn8s (3 classes) -> " + onnx + "\n", result.Out);
        // 67x71: odd, and above the ~64 pixels TinyFcn8s needs.
        float[] input = Enumerable.Range(0, 3 * 67 * 71).Select(i => (float)Math.Sin(i * 0.37)).ToArray();
        using var session = new InferenceSession(onnx);
        using var value = OrtValue.CreateTensorValueFromMemory(input, new long[] { 1, 3, 67, 71 });
        using var outputs = session.Run(new RunOptions(), new[] { "input" }, new[] { value }, new[] { "out" });
        float[] exported = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        using (inference_mode())
        {
            using Tensor reference = model.forward(tensor(input, new long[] { 1, 3, 67, 71 }));
            float[] expected = reference.data<float>().ToArray();
            double largest = expected.Max(v => Math.Abs(v));
            Assert.True(largest > 0);
            Assert.True(expected.Zip(exported, (a, b) => Math.Abs(a - b)).Max() <= 1e-4 * largest + 1e-6);
        }

        Assert.Equal("torchvision", session.ModelMetadata.CustomMetadataMap["fcn.normalization"]);
    }

    [Fact]
    public void Triton_gets_a_model_repository_entry_with_variable_height_and_width()
    {
        using var folder = new TempFolder();

        CliResult result = Tool.Run("export", Tiny, "--format", "triton", "--out", folder.Path, "--max-batch", "4");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(folder.Path, "TinyFcn8s", "1", "model.onnx")));
        // Triton's model_config in protobuf text: the batch dimension is implied by max_batch_size.
        Assert.Equal(
            "name: \"TinyFcn8s\"\nbackend: \"onnxruntime\"\nmax_batch_size: 4\n"
            + "input [\n  {\n    name: \"input\"\n    data_type: TYPE_FP32\n    dims: [ 3, -1, -1 ]\n  }\n]\n"
            + "output [\n  {\n    name: \"out\"\n    data_type: TYPE_FP32\n    dims: [ 4, -1, -1 ]\n  }\n]\n",
            File.ReadAllText(Path.Combine(folder.Path, "TinyFcn8s", "config.pbtxt")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Weights_that_do_not_fit_print_the_key_table_and_write_nothing()
    {
        using var folder = new TempFolder();
        using var model = new TinyFcn8s(4);
        Dictionary<string, Tensor> stateDict = model.state_dict();
        stateDict.Remove("fc7.bias");
        stateDict["fc8.weight"] = stateDict["fc7.weight"];
        string weights = Path.Combine(folder.Path, "broken.safetensors");
        StateDictFile.Write(stateDict, weights);
        string onnx = Path.Combine(folder.Path, "tiny.onnx");

        CliResult result = Tool.Run("export", Tiny, "--format", "onnx", "--weights", weights, "--out", onnx);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing 1, unexpected 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("fc7.bias", result.Error, StringComparison.Ordinal);
        Assert.Contains("fc8.weight", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("fcn: " + weights + ": the weights do not fit TinyFcn8s", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.onnx*"));
    }

    [Fact]
    public void An_unknown_spec_an_unwritable_output_and_an_unknown_format_are_one_line_errors()
    {
        using var folder = new TempFolder();

        CliResult unknown = Tool.Run("export", Path.Combine(folder.Path, "nope.fcn.yaml"), "--format", "onnx", "--out", Path.Combine(folder.Path, "x.onnx"));
        CliResult unwritable = Tool.Run("export", Tiny, "--format", "onnx", "--out", Path.Combine(folder.Path, "missing", "x.onnx"));
        CliResult format = Tool.Run("export", Tiny, "--format", "tflite", "--out", Path.Combine(folder.Path, "x.tflite"));

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nope.fcn.yaml: no such file", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains("cannot be written", Assert.Single(unwritable.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, format.ExitCode);
        Assert.Equal("fcn: --format 'tflite' is not an export format; use onnx, triton or pytorch.", Assert.Single(format.ErrorLines));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    /// <summary>Seeded values in every parameter and buffer (the score layers start at zero, which proves nothing).</summary>
    private static void RandomizeEverything(nn.Module model)
    {
        using var generator = new Generator(11);
        using var noGrad = no_grad();
        foreach (var (key, tensor) in model.state_dict())
        {
            if (!tensor.is_floating_point()) continue;
            bool positive = key.EndsWith("running_var", StringComparison.Ordinal);
            double bound = tensor.dim() >= 2 ? Math.Sqrt(6.0 / (tensor.numel() / tensor.shape[0])) : 0.5;
            tensor.uniform_(positive ? 0.5 : -bound, positive ? 1.5 : bound, generator);
        }
    }
}
