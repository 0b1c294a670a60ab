using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Fcn.Benchmarks.Infrastructure;

namespace Fcn.Benchmarks.Runtime.Onnx;

/// <summary>
/// <c>torch.onnx.export</c> of the PyTorch reference network (benchmarks/export_onnx.py, Debian's
/// python3-torch 1.13 and python3-onnx), loaded strictly with the generated model's state dict.
/// </summary>
public sealed class TorchOnnxExport : IOnnxModelSource
{
    public const string RowLabel = "ONNX Runtime (torch.onnx export)";

    public string Label => RowLabel;

    public string? Export(RuntimeCase runtimeCase, string stateDictPath, string directory)
    {
        if (!PyTorchEager.Available)
        {
            Console.WriteLine($"  {Label}: skipped, {PyTorchEager.Python} not found (apt-get install python3-torch python3-torchvision python3-onnx).");
            return null;
        }

        string output = Path.Combine(directory, runtimeCase.Key.Replace(':', '-') + ".torch-onnx.onnx");
        var start = new ProcessStartInfo(PyTorchEager.Python) { UseShellExecute = false };
        foreach (string argument in new[]
                 {
                     Path.Combine(RepositoryPaths.Root, "benchmarks", "export_onnx.py"),
                     "--model", runtimeCase.Model.Key(),
                     "--weights", stateDictPath,
                     "--size", runtimeCase.Size.ToString(CultureInfo.InvariantCulture),
                     "--batch", runtimeCase.Batch.ToString(CultureInfo.InvariantCulture),
                     "--out", output,
                 })
            start.ArgumentList.Add(argument);

        using Process python = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + PyTorchEager.Python);
        python.WaitForExit();
        if (python.ExitCode == 0 && File.Exists(output)) return output;
        Console.WriteLine($"  {Label}: export failed (exit code {python.ExitCode}); the row stays empty.");
        return null;
    }
}
