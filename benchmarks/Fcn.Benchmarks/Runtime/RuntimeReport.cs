using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Fcn.Benchmarks.Infrastructure;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>The runtime tables in markdown: forward, training step, the issue's goals, peak memory, and the checks behind them.</summary>
public static class RuntimeReport
{
    /// <summary>A training step's convolution FLOP per forward FLOP: forward, input gradient, weight gradient.</summary>
    private const double TrainingFlopsPerForwardFlop = 3;

    public static string Write(int threads, double matmulPeak, double convolutionPeak, string load, string tuning, IReadOnlyList<CaseResult> cases, IReadOnlyList<MemoryResult> memory, long baselineMemory, PyTorchResults? pytorch)
    {
        var text = new StringBuilder();
        text.Append("## Runtime\n\n");
        text.Append($"CPU: {Cpu.Description} ({Environment.ProcessorCount} logical cores).\n");
        text.Append($"TorchSharp {Versions.TorchSharp} (libtorch {Versions.LibTorch}), .NET {Versions.DotNet}, ONNX Runtime {Versions.OnnxRuntime}; ")
            .Append($"torch.get_num_threads() = {get_num_threads()}, interop threads = {get_num_interop_threads()} (requested {threads}; ONNX Runtime: {threads} intra-op, 1 inter-op); {load}.\n");
        text.Append($"Fcn.Runtime process tuning in this process: {tuning}.\n");
        text.Append($"Matmul peak (best float32 torch.mm of square matrices of {string.Join(" and ", MatmulPeak.Sizes)} in libtorch {Versions.LibTorch}, this run): **{Format.Fixed(matmulPeak, 1)} GFLOP/s**; ")
            .Append($"convolution peak (best of a 1x1 1024->1024 and a 3x3 256->256 conv2d on {ConvolutionPeak.MapSize}x{ConvolutionPeak.MapSize}, oneDNN): **{Format.Fixed(convolutionPeak, 1)} GFLOP/s**.\n");
        text.Append(pytorch is null
            ? "PyTorch eager: not run.\n"
            : $"PyTorch eager: torch {pytorch.TorchVersion}, torchvision {pytorch.TorchVisionVersion}, {pytorch.Threads} threads, run case by case right after the .NET timings of the same case.\n");
        text.Append("Rows: **Generated** = the generated model as it runs now (process tuning on, each convolution's formulation chosen per call, and in inference the memory layout each convolution measured faster on its first calls, MemoryLayout.Automatic, and batch norm folded into the convolutions, BatchNormFolding, as fcn predict and fcn eval run it); ")
            .Append("**conv2d everywhere** = the same model object with every convolution through libtorch's conv2d (interleaved with it); ")
            .Append("**before** = the generated model as before issue 13, in a fresh child process (FCN_PROCESS_TUNING=off, conv2d everywhere, NCHW); ")
            .Append("**hand-written** = benchmarks/Fcn.Benchmarks/HandWritten (torch.nn.Conv2d), in this process; ONNX Runtime rows run each export of the same weights. ")
            .Append("Generated, conv2d everywhere, hand-written and ONNX Runtime were interleaved in one process, the order rotating each round (ABCD, BCDA, ...) with a 50 ms untimed pause before each timed run; the child and PyTorch ran right after. ")
            .Append("Times are medians (min) in ms over n repetitions; \"x Generated\" is the row's median over the generated model's.\n\n");

        text.Append("### Forward pass (eval, inference_mode; ONNX Runtime: InferenceSession.Run)\n\n");
        var forward = new MarkdownTable("Model", "Input", "Batch", "GFLOP", "Implementation", "ms", "x Generated", "GFLOP/s", "of conv peak", "n");
        foreach (CaseResult result in cases)
        {
            Timing generated = result.Row(RowLabels.Generated)!.Forward!;
            foreach (ResultRow row in result.Rows.Where(r => r.Forward is not null))
            {
                double gflops = result.Flops / row.Forward!.Median / 1e9;
                forward.AddRow(
                    result.Case.Model.DisplayName(), result.Case.InputText, Invariant(result.Case.Batch), Format.Fixed(result.Flops / 1e9, 2),
                    row.Label, row.Forward.Milliseconds, Format.Ratio(row.Forward.Median / generated.Median),
                    Format.Fixed(gflops, 1), Format.Fixed(100 * gflops / convolutionPeak, 0) + " %", Invariant(row.Forward.Count));
            }
        }

        text.Append(forward).Append('\n');

        text.Append("### Training step (forward, cross-entropy, backward, SGD with momentum)\n\n")
            .Append("GFLOP/s counts a training step as 3 x the forward pass's convolution FLOP (forward, gradient of the input, gradient of the weight; ")
            .Append("the first layer's input gradient, which is not computed, is under 1 % here): the rate the convolutions would need if nothing else took time.\n\n");
        var training = new MarkdownTable("Model", "Input", "Batch", "Implementation", "ms", "x Generated", "GFLOP/s", "of conv peak", "n");
        foreach (CaseResult result in cases)
        {
            if (result.Row(RowLabels.Generated)?.Training is not { } generated) continue;
            foreach (ResultRow row in result.Rows.Where(r => r.Training is not null))
            {
                double gflops = TrainingFlopsPerForwardFlop * result.Flops / row.Training!.Median / 1e9;
                training.AddRow(
                    result.Case.Model.DisplayName(), result.Case.InputText, Invariant(result.Case.Batch),
                    row.Label, row.Training!.Milliseconds, Format.Ratio(row.Training!.Median / generated.Median),
                    Format.Fixed(gflops, 1), Format.Fixed(100 * gflops / convolutionPeak, 0) + " %", Invariant(row.Training.Count));
            }
        }

        text.Append(training).Append('\n');
        text.Append(Goals(cases));

        if (memory.Count > 0)
        {
            text.Append("### Peak resident memory (VmHWM of a fresh process per case, after two runs of the workload)\n\n");
            var table = new MarkdownTable("Model", "Input", "Batch", "Mode", "Generated", "Hand-written", "PyTorch");
            table.AddRow("(process with libtorch loaded, nothing else)", "", "", "baseline", Format.Bytes(baselineMemory), "", PyTorchMemory(pytorch, "baseline/baseline"));
            foreach (MemoryResult result in memory)
            {
                table.AddRow(
                    result.Case.Model.DisplayName(), result.Case.InputText, Invariant(result.Case.Batch), result.Mode,
                    Format.Bytes(result.Generated), Format.Bytes(result.HandWritten),
                    PyTorchMemory(pytorch, result.Case.Key + "/" + result.Mode));
            }

            text.Append(table).Append('\n');
        }

        text.Append("### Checks\n\n");
        foreach (CaseResult result in cases)
        {
            var lines = result.Checks.ToList();
            if (PyTorchCase(pytorch, result.Case) is { } py)
                lines.Add(py.Parameters == result.Parameters
                    ? $"PyTorch model has the same {Format.Integer(py.Parameters)} parameters"
                    : $"**PyTorch model has {Format.Integer(py.Parameters)} parameters, generated {Format.Integer(result.Parameters)}**");
            text.Append($"- {result.Case.Model.DisplayName()} {result.Case.InputText} x{result.Case.Batch}: {string.Join("; ", lines)}.\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Issue 13's goals, for the cases of this run that they name: forward within 1.5x of ONNX Runtime
    /// (FCN-8s at 128 and 256) and 1.25x (FCN-ResNet50 at 224); training step at least 1.5x faster than
    /// before and no slower than PyTorch eager. Other cases get the same ratios without a verdict. Issue 10's: ONNX
    /// Runtime on the project's export no slower than on torch.onnx's (ratio &lt;= 1.05), in every case.
    /// </summary>
    private static string Goals(IReadOnlyList<CaseResult> cases)
    {
        var table = new MarkdownTable("Case", "Ratio", "Value", "Goal", "Met");
        foreach (CaseResult result in cases)
        {
            string name = $"{result.Case.Model.DisplayName()} {result.Case.InputText} x{result.Case.Batch}";
            double? onnxGoal = result.Case.Batch != 1 ? null : (result.Case.Model, result.Case.Size) switch
            {
                (ModelKind.Fcn8sVgg16, 128 or 256) => 1.5,
                (ModelKind.FcnResNet50, 224) => 1.25,
                _ => null,
            };
            Timing generated = result.Row(RowLabels.Generated)!.Forward!;
            foreach (ResultRow onnx in result.Rows.Where(r => r.Label.StartsWith("ONNX Runtime", StringComparison.Ordinal) && r.Forward is not null))
                AddGoal(table, name, $"forward: Generated / {onnx.Label}", generated.Median / onnx.Forward!.Median, onnx.Label == Onnx.TorchOnnxExport.RowLabel ? onnxGoal : null, atMost: true);
            // Issue 10: the project's graph must be no slower than torch.onnx's in the same runtime, for every case.
            if (result.Row(Onnx.ProjectOnnxExport.RowLabel)?.Forward is { } project && result.Row(Onnx.TorchOnnxExport.RowLabel)?.Forward is { } torchOnnx)
                AddGoal(table, name, $"forward: {Onnx.ProjectOnnxExport.RowLabel} / {Onnx.TorchOnnxExport.RowLabel}", project.Median / torchOnnx.Median, 1.05, atMost: true);
            if (result.Row(Onnx.ProjectOnnxExport.FixedSizeRowLabel)?.Forward is { } fixedSize && result.Row(Onnx.TorchOnnxExport.RowLabel)?.Forward is { } traced)
                AddGoal(table, name, $"forward: {Onnx.ProjectOnnxExport.FixedSizeRowLabel} / {Onnx.TorchOnnxExport.RowLabel}", fixedSize.Median / traced.Median, 1.05, atMost: true);
            if (result.Row(RowLabels.Before)?.Forward is { } beforeForward)
                AddGoal(table, name, "forward: before / Generated (speed-up)", beforeForward.Median / generated.Median, null, atMost: false);

            bool trainingGoal = result.Case.Model != ModelKind.TinyFcn8s;
            if (result.Row(RowLabels.Generated)?.Training is not { } step) continue;
            if (result.Row(RowLabels.Before)?.Training is { } before)
                AddGoal(table, name, "training: before / Generated (speed-up)", before.Median / step.Median, trainingGoal ? 1.5 : null, atMost: false);
            if (result.Row(RowLabels.PyTorch)?.Training is { } pytorch)
                AddGoal(table, name, "training: Generated / PyTorch eager", step.Median / pytorch.Median, trainingGoal ? 1.0 : null, atMost: true);
        }

        return "### Goals of issues 13 and 10\n\n" + table + "\n";
    }

    private static void AddGoal(MarkdownTable table, string name, string ratio, double value, double? goal, bool atMost) =>
        table.AddRow(name, ratio, Format.Ratio(value),
            goal is { } g ? (atMost ? "<= " : ">= ") + Format.Ratio(g) : "",
            goal is { } limit ? ((atMost ? value <= limit : value >= limit) ? "yes" : "**no**") : "");

    private static PyTorchCase? PyTorchCase(PyTorchResults? pytorch, RuntimeCase runtimeCase) =>
        pytorch is not null && pytorch.Cases.TryGetValue(runtimeCase.Key, out PyTorchCase? found) ? found : null;

    private static string PyTorchMemory(PyTorchResults? pytorch, string key) =>
        pytorch is not null && pytorch.PeakMemory.TryGetValue(key, out long bytes) ? Format.Bytes(bytes) : "n/a";


    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
