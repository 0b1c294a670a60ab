using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Runtime.Performance;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// <c>Fcn.Benchmarks runtime [--threads N] [--quick] [--cases model:size:batch,...] [--no-pytorch] [--forward-only]</c>: the generated
/// models against hand-written TorchSharp, PyTorch eager and ONNX Runtime (on torch.onnx's export and on the project's), forward and
/// training step, with FLOP rates and peak memory. <c>--forward-only</c> times the forward passes alone (no training step, no child
/// process of the model before issue 13, no memory probes): the ONNX Runtime comparison in minutes. Writes <c>results/runtime.md</c>.
/// </summary>
public static class RuntimeCommand
{
    public static int Run(string[] arguments)
    {
        int threads = Options.Int(arguments, "--threads", Environment.ProcessorCount);
        RuntimePlan plan = Options.Flag(arguments, "--quick") ? RuntimePlan.Quick : RuntimePlan.Full;
        if (Options.String(arguments, "--cases") is { } keys)
            plan = plan.Only(keys.Split(','));
        bool forwardOnly = Options.Flag(arguments, "--forward-only");
        if (forwardOnly)
            plan = plan with { Cases = plan.Cases.Select(c => c with { Training = false }).ToArray(), MemoryCases = Array.Empty<RuntimeCase>() };
        set_num_threads(threads);
        Console.WriteLine($"Runtime benchmark: TorchSharp {Versions.TorchSharp}, libtorch {Versions.LibTorch}, {get_num_threads()} threads.");

        string loadAtStart = LoadAverage.Now();
        double peak = MatmulPeak.GigaflopsPerSecond();
        double convolutionPeak = ConvolutionPeak.GigaflopsPerSecond();
        Console.WriteLine($"  torch.mm peak: {Format.Fixed(peak, 1)} GFLOP/s, convolution peak: {Format.Fixed(convolutionPeak, 1)} GFLOP/s");

        bool withPyTorch = !Options.Flag(arguments, "--no-pytorch");
        if (withPyTorch && !PyTorchEager.Available)
        {
            Console.WriteLine($"PyTorch eager skipped: {PyTorchEager.Python} not found (apt-get install python3-torch python3-torchvision).");
            withPyTorch = false;
        }

        var cases = new List<CaseResult>();
        var pytorchCases = new Dictionary<string, PyTorchCase>();
        foreach (RuntimeCase runtimeCase in plan.Cases)
        {
            CaseResult result = CaseRunner.Run(runtimeCase, plan, threads);
            if (!forwardOnly)
            {
                (Timing beforeForward, Timing? beforeTraining) = BaselineProbe.Measure(runtimeCase, plan, threads);
                result = result.With(new ResultRow(RowLabels.Before, beforeForward, beforeTraining));
            }

            if (withPyTorch && PyTorchEager.RunCase(runtimeCase, plan, threads) is { } pytorchCase)
            {
                pytorchCases[runtimeCase.Key] = pytorchCase;
                result = result.With(new ResultRow(RowLabels.PyTorch, pytorchCase.Forward, pytorchCase.Training));
            }

            cases.Add(result);
            foreach (ResultRow row in result.Rows)
                Console.WriteLine($"  {runtimeCase.Key} {row.Label}: forward {Milliseconds(row.Forward)}, training step {Milliseconds(row.Training)}");
        }

        var memory = new List<MemoryResult>();
        long baseline = plan.MemoryCases.Count > 0 ? MemoryProbe.Measure("baseline", plan.MemoryCases[0], "baseline", threads) : 0;
        foreach (RuntimeCase runtimeCase in plan.MemoryCases)
        {
            foreach (string mode in new[] { "inference", "training" })
            {
                memory.Add(new MemoryResult(
                    runtimeCase, mode,
                    MemoryProbe.Measure("generated", runtimeCase, mode, threads),
                    MemoryProbe.Measure("hand-written", runtimeCase, mode, threads)));
                Console.WriteLine($"  peak memory {runtimeCase.Key} {mode}: {Format.Bytes(memory[^1].Generated)} / {Format.Bytes(memory[^1].HandWritten)}");
            }
        }

        PyTorchResults? pytorch = withPyTorch ? PyTorchEager.RunMemoryAndMatmul(plan, threads) : null;
        if (pytorch is not null) pytorch = pytorch with { Cases = pytorchCases };

        string waitPolicy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } policy ? policy : "unset (spinning)";
        string load = $"OMP_WAIT_POLICY {waitPolicy}; load average {loadAtStart} at the start, {LoadAverage.Now()} at the end (1, 5, 15 minutes; {Environment.ProcessorCount} cores)";
        string markdown = RuntimeReport.Write(threads, peak, convolutionPeak, load, ProcessTuning.State?.ToString() ?? "not applied", cases, memory, baseline, pytorch);
        string path = Path.Combine(RepositoryPaths.Results, "runtime.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine("Written to " + path);
        return 0;
    }

    private static string Milliseconds(Timing? timing) => timing is null ? "-" : Format.Fixed(timing.Median * 1e3, 1) + " ms";
}
