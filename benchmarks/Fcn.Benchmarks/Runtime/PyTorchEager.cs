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
/// Runs benchmarks/pytorch_eager.py with Debian's /usr/bin/python3 (PyTorch 1.13.1) at the run's thread
/// count and time budgets: once per case, right after the .NET timings of that case (so that the two are
/// minutes apart at most, not the length of the whole run), and once at the end for torch.mm and the
/// peak-memory probes. Each call leaves its JSON in <c>results/pytorch-eager/</c>.
/// </summary>
public static class PyTorchEager
{
    public const string Python = "/usr/bin/python3";

    public static bool Available => File.Exists(Python);

    /// <summary>The PyTorch timings of one case, or null (with a message on the console) when the script fails.</summary>
    public static PyTorchCase? RunCase(RuntimeCase runtimeCase, RuntimePlan plan, int threads)
    {
        PyTorchResults? results = Invoke(plan, threads, runtimeCase.Key.Replace(':', '-'), new[]
        {
            "--cases", runtimeCase.Key,
            "--train-cases", runtimeCase.Training ? runtimeCase.Key : "",
        });
        return results is not null && results.Cases.TryGetValue(runtimeCase.Key, out PyTorchCase? found) ? found : null;
    }

    /// <summary>Versions, torch.mm and peak memory (no cases), or null when the script fails.</summary>
    public static PyTorchResults? RunMemoryAndMatmul(RuntimePlan plan, int threads) =>
        Invoke(plan, threads, "memory", new[] { "--matmul", "--memory-cases", string.Join(",", plan.MemoryCases.Select(c => c.Key)) });

    private static PyTorchResults? Invoke(RuntimePlan plan, int threads, string name, IEnumerable<string> arguments)
    {
        string directory = Path.Combine(RepositoryPaths.Results, "pytorch-eager");
        Directory.CreateDirectory(directory);
        string output = Path.Combine(directory, name + ".json");

        var start = new ProcessStartInfo(Python) { UseShellExecute = false };
        foreach (string argument in new[]
                 {
                     Path.Combine(RepositoryPaths.Root, "benchmarks", "pytorch_eager.py"),
                     "--threads", Invariant(threads),
                     "--forward-budget", Invariant(plan.ForwardBudget.TotalSeconds),
                     "--train-budget", Invariant(plan.TrainingBudget.TotalSeconds),
                     "--min-reps", Invariant(plan.MinRepetitions),
                     "--max-reps", Invariant(plan.MaxRepetitions),
                     "--out", output,
                 })
            start.ArgumentList.Add(argument);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        // The script prints its progress straight to this console.
        using Process python = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
        python.WaitForExit();
        if (python.ExitCode == 0) return Read(output);
        Console.WriteLine($"PyTorch eager failed (exit code {python.ExitCode}) for {name}; its cells stay empty.");
        return null;
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
                entry.TryGetProperty("train", out JsonElement train) && train.ValueKind == JsonValueKind.Object ? TimingOf(train) : null);
        }

        var memory = new Dictionary<string, long>();
        foreach (JsonElement entry in root.GetProperty("memory").EnumerateArray())
            memory[entry.GetProperty("case").GetString() + "/" + entry.GetProperty("mode").GetString()] = entry.GetProperty("peak_bytes").GetInt64();

        JsonElement matmul = root.GetProperty("matmul_gflops");
        return new PyTorchResults(
            root.GetProperty("torch").GetString()!,
            root.GetProperty("torchvision").GetString()!,
            root.GetProperty("threads").GetInt32(),
            matmul.ValueKind == JsonValueKind.Number ? matmul.GetDouble() : double.NaN,
            cases,
            memory);
    }

    private static Timing TimingOf(JsonElement element) => new(
        element.GetProperty("median").GetDouble(), element.GetProperty("min").GetDouble(), element.GetProperty("n").GetInt32());

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
