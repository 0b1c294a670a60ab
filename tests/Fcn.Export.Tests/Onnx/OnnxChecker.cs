using System;
using System.Diagnostics;
using Xunit;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// onnx's own validator, <c>onnx.checker.check_model(path, full_check=True)</c> (schema, types and
/// shape inference), from Debian's python3-onnx at /usr/bin/python3. Missing: under CI=true that is a
/// failure (CI installs python3-onnx); elsewhere the check is skipped with the same message.
/// </summary>
internal static class OnnxChecker
{
    public const string Python = "/usr/bin/python3";
    public const string Missing = "python3-onnx is not installed for /usr/bin/python3 (apt-get install python3-onnx); onnx.checker could not validate the export.";

    private static readonly Lazy<bool> Available = new(() => RunPython("import onnx").ExitCode == 0);

    public static bool IsAvailable
    {
        get
        {
            if (Available.Value) return true;
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", Missing);
            return false;
        }
    }

    /// <summary>Fails the test with the checker's message unless the model passes.</summary>
    public static void Check(string path)
    {
        (int exitCode, string output) = RunPython("import onnx, sys; onnx.checker.check_model(sys.argv[1], full_check=True)", path);
        Assert.True(exitCode == 0, "onnx.checker rejected " + path + ": " + output);
    }

    private static (int ExitCode, string Output) RunPython(string code, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
