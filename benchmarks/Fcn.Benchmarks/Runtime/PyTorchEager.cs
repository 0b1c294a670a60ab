using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Fcn.Benchmarks.Infrastructure;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Runs benchmarks/pytorch_eager.py with Debian's /usr/bin/python3 (PyTorch 1.13.1) on the plan's cases
/// and thread count, after the .NET measurements, and reads its results back.
/// </summary>
public static class PyTorchEager
{
    public const string Python = "/usr/bin/python3";

    /// <summary>The results, or null (with a message on the console) when Python or torch is missing or the script fails.</summary>
    public static PyTorchResults? Run(RuntimePlan plan, int threads)
    {
        string script = Path.Combine(RepositoryPaths.Root, "benchmarks", "pytorch_eager.py");
        string output = Path.Combine(RepositoryPaths.Results, "pytorch-eager.json");
        if (!File.Exists(Python))
        {
            Console.WriteLine($"PyTorch eager skipped: {Python} not found (apt-get install python3-torch python3-torchvision).");
            return null;
        }

        var start = new ProcessStartInfo(Python) { UseShellExecute = false };
        foreach (string argument in new[]
                 {
                     script,
                     "--threads", Invariant(threads),
                     "--cases", string.Join(",", plan.Cases.Select(c => c.Key)),
                     "--memory-cases", string.Join(",", plan.MemoryCases.Select(c => c.Key)),
                     "--forward-budget", Invariant(plan.ForwardBudget.TotalSeconds),
                     "--train-budget", Invariant(plan.TrainingBudget.TotalSeconds),
                     "--min-reps", Invariant(plan.MinRepetitions),
                     "--max-reps", Invariant(plan.MaxRepetitions),
                     "--out", output,
                 })
            start.ArgumentList.Add(argument);

        // The script prints its progress straight to this console.
        using Process python = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            Console.WriteLine($"PyTorch eager failed (exit code {python.ExitCode}); its columns stay empty.");
            return null;
        }

        return Read(output);
    }

    public static PyTorchResults Read(string path)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = json.RootElement;
        var cases = new Dictionary<string, PyTorchCase>();
        foreach (JsonElement entry in root.GetProperty("cases").EnumerateArray())
        {
            cases[entry.GetProperty("case").GetString()!] = new PyTorchCase(
                entry.GetProperty("parameters").GetInt64(),
                TimingOf(entry.GetProperty("forward")),
                TimingOf(entry.GetProperty("train")));
        }

        var memory = new Dictionary<string, long>();
        foreach (JsonElement entry in root.GetProperty("memory").EnumerateArray())
            memory[entry.GetProperty("case").GetString() + "/" + entry.GetProperty("mode").GetString()] = entry.GetProperty("peak_bytes").GetInt64();

        return new PyTorchResults(
            root.GetProperty("torch").GetString()!,
            root.GetProperty("torchvision").GetString()!,
            root.GetProperty("threads").GetInt32(),
            root.GetProperty("matmul_gflops").GetDouble(),
            cases,
            memory);
    }

    private static Timing TimingOf(JsonElement element) => new(
        element.GetProperty("median").GetDouble(), element.GetProperty("min").GetDouble(), element.GetProperty("n").GetInt32());

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
