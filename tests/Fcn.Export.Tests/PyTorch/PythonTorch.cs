using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// Debian's PyTorch (python3-torch 1.13, python3-torchvision 0.14) at /usr/bin/python3: the reference engine
/// these tests compare the export against. Under <c>CI=true</c> a missing torch fails the tests that need it;
/// elsewhere they are skipped, with a message that names the packages to install.
/// </summary>
internal static class PythonTorch
{
    /// <summary>Debian's interpreter, named explicitly: a <c>python3</c> earlier on PATH (pyenv, venv) may lack torch.</summary>
    public const string Interpreter = "/usr/bin/python3";

    public const string Packages = "python3-torch python3-torchvision python3-onnx";

    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>Why PyTorch cannot be used, or null when it can.</summary>
    public static string? Missing => Problem.Value;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage =>
        $"PyTorch is not usable at {Interpreter} ({Missing}); install Debian's {Packages} (sudo apt-get install -y {Packages}).";

    /// <summary>Fails the calling test when PyTorch is missing (under CI the attributes do not skip, so this is where it fails).</summary>
    public static void Require()
    {
        if (Missing is not null) throw new InvalidOperationException(MissingMessage);
    }

    /// <summary>
    /// Runs a script of this folder (copied next to the test assembly), or code given as <c>-c</c> and its text, and
    /// returns its standard output; fails on a non-zero exit.
    /// </summary>
    public static string RunScript(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        Require();
        PythonProcess process = PythonProcess.Start(script == "-c" ? script : ScriptPath(script), arguments, environment: null);
        PythonProcess.Result result = process.Wait(timeout);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with {result.ExitCode}:\n{result.Error}\n{result.Output}");
        return result.Output;
    }

    public static string ScriptPath(string script) => Path.Combine(AppContext.BaseDirectory, "PyTorch", script);

    private static string? Probe()
    {
        if (!File.Exists(Interpreter)) return Interpreter + " does not exist";
        try
        {
            PythonProcess.Result result = PythonProcess.Start("-c", new[] { "import torch, torchvision; print(torch.__version__)" }, environment: null)
                .Wait(TimeSpan.FromMinutes(2));
            return result.ExitCode == 0 ? null : "import torch, torchvision failed: " + result.Error.Trim();
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return exception.Message;
        }
    }
}

/// <summary>A /usr/bin/python3 process whose output and error streams are read as they come (so neither pipe fills up and blocks it).</summary>
internal sealed class PythonProcess
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    private PythonProcess(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <param name="script">A script path, or <c>-c</c> with the code as the first argument.</param>
    /// <param name="arguments">The script's arguments.</param>
    /// <param name="environment">Variables to set for the process, or null.</param>
    public static PythonProcess Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(PythonTorch.Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (name, value) in environment) start.Environment[name] = value;
        return new PythonProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start " + PythonTorch.Interpreter));
    }

    /// <summary>Waits for the exit; a process still running after <paramref name="timeout"/> is killed and the wait fails.</summary>
    public Result Wait(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{PythonTorch.Interpreter} did not finish within {timeout.TotalSeconds:0} s; its error output:\n{error.Result}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
    }
}
