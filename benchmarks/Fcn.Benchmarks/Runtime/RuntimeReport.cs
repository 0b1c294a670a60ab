using System.Collections.Generic;
using System.Linq;
using System.Text;
using Fcn.Benchmarks.Infrastructure;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>The runtime tables in markdown: forward, training step, peak memory, and the checks behind them.</summary>
public static class RuntimeReport
{
    /// <summary>Ratios above this are marked; docs/benchmarks.md explains each.</summary>
    public const double Tolerance = 1.05;

    public static string Write(int threads, double matmulPeak, double convolutionPeak, string load, IReadOnlyList<CaseResult> cases, IReadOnlyList<MemoryResult> memory, long baselineMemory, PyTorchResults? pytorch)
    {
        var text = new StringBuilder();
        text.Append("## Runtime\n\n");
        text.Append($"TorchSharp {Versions.TorchSharp} (libtorch {Versions.LibTorch}), .NET {Versions.DotNet}; ")
            .Append($"torch.get_num_threads() = {get_num_threads()}, interop threads = {get_num_interop_threads()} (requested {threads}); {load}.\n");
        text.Append($"Matmul peak (best float32 torch.mm of square matrices of {string.Join(" and ", MatmulPeak.Sizes)} in libtorch {Versions.LibTorch}, this run): **{Format.Fixed(matmulPeak, 1)} GFLOP/s**; ")
            .Append($"convolution peak (best of a 1x1 1024->1024 and a 3x3 256->256 conv2d on {ConvolutionPeak.MapSize}x{ConvolutionPeak.MapSize}, oneDNN): **{Format.Fixed(convolutionPeak, 1)} GFLOP/s**.\n");
        if (pytorch is null)
            text.Append("PyTorch eager: not run.\n");
        else
            text.Append($"PyTorch eager: torch {pytorch.TorchVersion}, torchvision {pytorch.TorchVisionVersion}, {pytorch.Threads} threads, run case by case right after the .NET timings of the same case; its torch.mm 2048x2048: {Format.Fixed(pytorch.MatmulGigaflops, 1)} GFLOP/s.\n");
        text.Append("Times are medians (min) in ms; generated and hand-written were interleaved (ABAB) in one process, PyTorch ran right after them; ")
            .Append("n = timed repetitions of each. Ratios are of medians (\"of mins\": of the fastest repetitions, which interference from other processes can only lengthen); ")
            .Append($"those above {Format.Ratio(Tolerance)} are marked with `!`.\n\n");

        text.Append("### Forward pass (eval, inference_mode)\n\n");
        var forward = new MarkdownTable("Model", "Input", "Batch", "GFLOP", "Generated", "Hand-written", "Gen/Hand", "(of mins)", "PyTorch", "Gen/PyTorch", "Generated GFLOP/s", "of mm peak", "of conv peak", "n");
        foreach (CaseResult result in cases)
        {
            PyTorchCase? py = PyTorchCase(pytorch, result.Case);
            double gflops = result.Flops / result.GeneratedForward.Median / 1e9;
            forward.AddRow(
                result.Case.Model.DisplayName(), result.Case.InputText, Invariant(result.Case.Batch),
                Format.Fixed(result.Flops / 1e9, 2),
                Milliseconds(result.GeneratedForward), Milliseconds(result.HandWrittenForward),
                Ratio(result.GeneratedForward.Median / result.HandWrittenForward.Median),
                Format.Ratio(result.GeneratedForward.Min / result.HandWrittenForward.Min),
                py is null ? "n/a" : Milliseconds(py.Forward),
                py is null ? "n/a" : Ratio(result.GeneratedForward.Median / py.Forward.Median),
                Format.Fixed(gflops, 1),
                Format.Fixed(100 * gflops / matmulPeak, 0) + " %",
                Format.Fixed(100 * gflops / convolutionPeak, 0) + " %",
                Invariant(result.GeneratedForward.Count));
        }

        text.Append(forward).Append('\n');

        text.Append("### Training step (forward, cross-entropy, backward, SGD with momentum)\n\n");
        var training = new MarkdownTable("Model", "Input", "Batch", "Generated", "Hand-written", "Gen/Hand", "(of mins)", "PyTorch", "Gen/PyTorch", "n");
        foreach (CaseResult result in cases)
        {
            if (result.GeneratedTraining is null || result.HandWrittenTraining is null) continue;
            PyTorchCase? py = PyTorchCase(pytorch, result.Case);
            training.AddRow(
                result.Case.Model.DisplayName(), result.Case.InputText, Invariant(result.Case.Batch),
                Milliseconds(result.GeneratedTraining), Milliseconds(result.HandWrittenTraining),
                Ratio(result.GeneratedTraining.Median / result.HandWrittenTraining.Median),
                Format.Ratio(result.GeneratedTraining.Min / result.HandWrittenTraining.Min),
                py?.Training is null ? "n/a" : Milliseconds(py.Training),
                py?.Training is null ? "n/a" : Ratio(result.GeneratedTraining.Median / py.Training.Median),
                Invariant(result.GeneratedTraining.Count));
        }

        text.Append(training).Append('\n');

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
            string check = result.Mismatch is null
                ? "hand-written output equals generated output (same weights, allclose rtol 1e-4 atol 1e-5)"
                : "**hand-written baseline does not match: " + result.Mismatch + "**";
            PyTorchCase? py = PyTorchCase(pytorch, result.Case);
            string parameters = py is null ? "" : py.Parameters == result.Parameters
                ? $"; PyTorch model has the same {Format.Integer(py.Parameters)} parameters"
                : $"; **PyTorch model has {Format.Integer(py.Parameters)} parameters, generated {Format.Integer(result.Parameters)}**";
            text.Append($"- {result.Case.Model.DisplayName()} {result.Case.InputText} x{result.Case.Batch}: {check}{parameters}.\n");
        }

        return text.ToString();
    }

    private static PyTorchCase? PyTorchCase(PyTorchResults? pytorch, RuntimeCase runtimeCase) =>
        pytorch is not null && pytorch.Cases.TryGetValue(runtimeCase.Key, out PyTorchCase? found) ? found : null;

    private static string PyTorchMemory(PyTorchResults? pytorch, string key) =>
        pytorch is not null && pytorch.PeakMemory.TryGetValue(key, out long bytes) ? Format.Bytes(bytes) : "n/a";

    private static string Milliseconds(Timing timing) => Format.Fixed(timing.Median * 1e3, 1) + " (" + Format.Fixed(timing.Min * 1e3, 1) + ")";

    private static string Ratio(double ratio) => Format.Ratio(ratio) + (ratio > Tolerance ? " !" : "");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
