using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fcn.Dsl.Model;
using Fcn.Export.PyTorch;
using Fcn.Runtime;
using Fcn.Runtime.Weights;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// Every example spec (and every-op.fcn.yaml) exported as a PyTorch module and run by PyTorch 1.13 against
/// the TorchSharp class the generator made of the same spec: the same state-dict keys in the same order,
/// the C# state dict (random values in every parameter and buffer) loaded strictly, the same outputs on the
/// same odd-sized input (max |diff| &lt;= 1e-4 max |ref| + 1e-6), and the same initialization. A net with
/// several inputs (NYUD's color and HHA) gets them stacked on the channels in C# (ISegmentationModel.ForwardOutputs)
/// and split, by name, in Python (<c>model(color=..., hha=...)</c>), so the named arguments are checked too.
/// </summary>
public sealed class PyTorchEquivalenceTests
{
    private const long WeightSeed = 11;

    private readonly ITestOutputHelper log;

    public PyTorchEquivalenceTests(ITestOutputHelper log) => this.log = log;

    public static IEnumerable<object[]> Models => ExportedModels.Names;

    [PythonTheory]
    [MemberData(nameof(Models))]
    public void The_exported_module_computes_what_the_generated_class_computes(string name)
    {
        PythonTorch.Require();
        (_, Func<nn.Module> create, int height, int width) = ExportedModels.Find(name);
        FcnModel ir = ExportedModels.Model(name);
        using var folder = new TemporaryFolder("fcn-pytorch-" + name + "-");
        File.WriteAllText(folder.File("module.py"), PyTorchModuleWriter.Write(ir));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        manual_seed(0);
        using nn.Module model = create();
        List<string> keys = model.state_dict().Keys.ToList();
        Dictionary<string, Statistics> initial = model.state_dict().ToDictionary(entry => entry.Key, entry => Statistics.Of(entry.Value));
        List<(string, bool)> requiresGrad = model.named_parameters().Select(entry => (entry.name, entry.parameter.requires_grad)).ToList();

        log.WriteLine($"C# model built, initial statistics: {clock.Elapsed.TotalSeconds:F1} s");
        RandomStateDict.Fill(model, WeightSeed);
        model.eval();
        Tensor input = randn(new long[] { 1, ir.InputChannels, height, width }, generator: new Generator(7));
        IReadOnlyList<Tensor> outputs;
        using (no_grad()) outputs = ((ISegmentationModel)model).ForwardOutputs(input);
        log.WriteLine($"random weights, C# forward: {clock.Elapsed.TotalSeconds:F1} s");
        // Both of StateDictFile's formats reach torch: torch.save's zip (.pt) for most nets, safetensors for the
        // VGG16 nets, because TorchSharp.PyBridge's zip writer takes about 30 s for their 540 MB here (safetensors 2 s).
        string weights = folder.File(ir.TotalParameters > 100_000_000 ? "weights.safetensors" : "weights.pt");
        StateDictFile.Write(model, weights);
        log.WriteLine($"state dict written: {clock.Elapsed.TotalSeconds:F1} s");

        var request = new JsonObject
        {
            ["module"] = folder.File("module.py"),
            ["class"] = ir.TypeName,
            ["weights"] = weights,
            ["inputs"] = new JsonObject(SplitByInput(ir, input).Select(part =>
                KeyValuePair.Create(part.Name, (JsonNode?)WriteTensor(part.Tensor, folder.File("input-" + part.Name + ".bin"))))),
            ["outputs"] = new JsonObject(ir.Outputs.Select((output, i) =>
                KeyValuePair.Create(output.Name, (JsonNode?)WriteTensor(outputs[i], folder.File(output.Name + ".bin"))))),
        };
        File.WriteAllText(folder.File("request.json"), request.ToJsonString());
        JsonElement report = JsonDocument.Parse(PythonTorch.RunScript("check_module.py", new[] { folder.File("request.json") }, TimeSpan.FromMinutes(5))).RootElement;

        // The same keys; TorchSharp lists all parameters before all buffers, PyTorch module by module, so
        // the order is compared on the parameters (which is also the order optimizers see them in).
        log.WriteLine($"PyTorch checked: {clock.Elapsed.TotalSeconds:F1} s (in Python: built {report.GetProperty("seconds_init").GetDouble():F1} s, "
            + $"loaded {report.GetProperty("seconds_load").GetDouble():F1} s, ran {report.GetProperty("seconds").GetDouble():F1} s)");
        Assert.Equal(keys.Order(StringComparer.Ordinal), report.GetProperty("keys").EnumerateArray().Select(key => key.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(requiresGrad, report.GetProperty("requires_grad").EnumerateObject().Select(entry => (entry.Name, entry.Value.GetBoolean())).ToList());
        AssertSameInitialization(ir, initial, report.GetProperty("initial"));
        for (int i = 0; i < ir.Outputs.Count; i++)
        {
            ModelOutput output = ir.Outputs[i];
            JsonElement result = report.GetProperty("outputs").GetProperty(output.Name);
            Assert.Equal(outputs[i].shape, result.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
            double maxDiff = result.GetProperty("max_diff").GetDouble(), maxRef = result.GetProperty("max_ref").GetDouble();
            Assert.True(maxRef > 0, $"{name}.{output.Name}: the reference output is all zeros, so the comparison would prove nothing.");
            Assert.True(maxDiff <= 1e-4 * maxRef + 1e-6, $"{name}.{output.Name}: max |diff| {maxDiff:G4} against max |ref| {maxRef:G4}.");
        }
    }

    /// <summary>
    /// Constants (zero score layers, batch-norm ones and zeros, counters) and the bilinear kernels must be equal;
    /// random initializations must have the same spread, which tells Kaiming-normal (fan-out) from PyTorch's
    /// default (Kaiming-uniform, a = sqrt 5) by a factor of about 2.4 on a 3x3 convolution.
    /// </summary>
    private static void AssertSameInitialization(FcnModel ir, Dictionary<string, Statistics> csharp, JsonElement python)
    {
        var bilinear = new HashSet<string>(ir.Nodes
            .Where(node => node.Operation is UpsampleOperation { Init: InitKind.Bilinear })
            .Select(node => node.Name + ".weight"));
        foreach (var (key, expected) in csharp)
        {
            Statistics actual = Statistics.From(python.GetProperty(key));
            if (expected.Std == 0 || bilinear.Contains(key))
            {
                Assert.True(expected.SameAs(actual), $"{key}: initialized as {expected} in C#, {actual} in PyTorch.");
            }
            else if (expected.Count >= 100)
            {
                double ratio = actual.Std / expected.Std;
                double allowed = expected.Count >= 1000 ? 0.18 : 0.5;
                Assert.True(ratio > 1 - allowed && ratio < 1 + allowed, $"{key}: initial std {actual.Std:G4} in PyTorch, {expected.Std:G4} in C#.");
            }
        }
    }

    /// <summary>The stacked input cut back into the model's inputs, in declaration order, each named as forward's argument.</summary>
    private static IEnumerable<(string Name, Tensor Tensor)> SplitByInput(FcnModel ir, Tensor stacked)
    {
        long start = 0;
        foreach (Node input in ir.InputNodes)
        {
            int channels = ((InputOperation)input.Operation).Channels;
            yield return (PythonNames.Local(input.Name), stacked.narrow(1, start, channels));
            start += channels;
        }
    }

    private static JsonObject WriteTensor(Tensor tensor, string path)
    {
        float[] values = tensor.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        return new JsonObject { ["file"] = path, ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode?)d).ToArray()) };
    }

    private sealed record Statistics(double Mean, double Std, double Min, double Max, long Count)
    {
        public static Statistics Of(Tensor tensor)
        {
            using var scope = NewDisposeScope();
            // float32 statistics accumulate in double on the CPU; converting a 400 MB fc6 first would only cost time.
            Tensor x = is_floating_point(tensor) ? tensor.detach() : tensor.detach().to(ScalarType.Float64);
            return new Statistics(Item(x.mean()), Item(x.std(unbiased: false)), Item(x.min()), Item(x.max()), x.numel());
        }

        private static double Item(Tensor scalar) => scalar.to(ScalarType.Float64).item<double>();

        public static Statistics From(JsonElement json) => new(
            json.GetProperty("mean").GetDouble(), json.GetProperty("std").GetDouble(), json.GetProperty("min").GetDouble(), json.GetProperty("max").GetDouble(), -1);

        public bool SameAs(Statistics other) =>
            Close(Mean, other.Mean) && Close(Std, other.Std) && Close(Min, other.Min) && Close(Max, other.Max);

        private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a));

        public override string ToString() => $"mean {Mean:G4}, std {Std:G4}, min {Min:G4}, max {Max:G4}";
    }
}
