using System;
using System.Collections.Generic;
using System.IO;
using Fcn.Benchmarks.Infrastructure;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// <c>Fcn.Benchmarks runtime [--threads N] [--quick] [--no-pytorch]</c>: the generated models against
/// hand-written TorchSharp and PyTorch eager, forward and training step, with FLOP rates and peak memory.
/// Writes <c>results/runtime.md</c>.
/// </summary>
public static class RuntimeCommand
{
    public static int Run(string[] arguments)
    {
        int threads = Options.Int(arguments, "--threads", Environment.ProcessorCount);
        RuntimePlan plan = Options.Flag(arguments, "--quick") ? RuntimePlan.Quick : RuntimePlan.Full;
        set_num_threads(threads);
        Console.WriteLine($"Runtime benchmark: TorchSharp {Versions.TorchSharp}, libtorch {Versions.LibTorch}, {get_num_threads()} threads.");

        double peak = MatmulPeak.GigaflopsPerSecond();
        Console.WriteLine($"  torch.mm peak: {Format.Fixed(peak, 1)} GFLOP/s");

        var cases = new List<CaseResult>();
        foreach (RuntimeCase runtimeCase in plan.Cases)
        {
            CaseResult result = CaseRunner.Run(runtimeCase, plan);
            cases.Add(result);
            Console.WriteLine($"  {runtimeCase.Key}: forward {Format.Fixed(result.GeneratedForward.Median * 1e3, 1)} / {Format.Fixed(result.HandWrittenForward.Median * 1e3, 1)} ms, " +
                              $"training step {Format.Fixed(result.GeneratedTraining.Median * 1e3, 1)} / {Format.Fixed(result.HandWrittenTraining.Median * 1e3, 1)} ms (generated / hand-written)" +
                              (result.Mismatch is null ? "" : "  MISMATCH: " + result.Mismatch));
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

        PyTorchResults? pytorch = Options.Flag(arguments, "--no-pytorch") ? null : PyTorchEager.Run(plan, threads);

        string markdown = RuntimeReport.Write(threads, peak, cases, memory, baseline, pytorch);
        string path = Path.Combine(RepositoryPaths.Results, "runtime.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine("Written to " + path);
        return 0;
    }
}
