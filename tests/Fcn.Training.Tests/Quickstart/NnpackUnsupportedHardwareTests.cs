using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Fcn.Training.Tests.Quickstart;

/// <summary>
/// The quick start on a CPU where NNPACK cannot initialize (issue 14 saw it on AMD family 26; this
/// machine's NNPACK initializes, so the failure is reproduced): a two-line C library, preloaded with
/// LD_PRELOAD, defines <c>nnp_initialize</c> to return 51, <c>nnp_status_unsupported_hardware</c> in
/// NNPACK's include/nnpack.h. libtorch_cpu.so calls <c>nnp_initialize</c> through its PLT, so the
/// preloaded definition is the one libtorch gets, exactly as on such a CPU.
/// <list type="bullet">
/// <item>With Fcn.Runtime's switch off (<c>FCN_NNPACK_SWITCH=off</c>) the run prints libtorch's
/// "Could not initialize NNPACK! Reason: Unsupported hardware." (the control: the preload does reproduce
/// the failure and the message).</item>
/// <item>With the switch as shipped, the same run prints no NNPACK line and exits 0 (the full quick
/// start's learning bar is <see cref="QuickstartTests"/>'s).</item>
/// </list>
/// One epoch each: enough for thousands of candidate convolutions of batch 16 or more.
/// </summary>
public sealed class NnpackUnsupportedHardwareTests : IDisposable
{
    /// <summary>NNPACK's include/nnpack.h: <c>nnp_status_unsupported_hardware = 51</c>.</summary>
    private const string UnsupportedHardwareShim = "int nnp_initialize(void) { return 51; }\n";

    private readonly string workspace = Path.Combine(Path.GetTempPath(), "fcndsl-nnpack-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Where_NNPACK_cannot_initialize_the_quick_start_prints_no_NNPACK_line()
    {
        string shim = CompileShim();

        (int exitWithout, string outputWithout) = await RunQuickstart(shim, switchOff: true);
        (int exitWith, string outputWith) = await RunQuickstart(shim, switchOff: false);

        Assert.True(exitWithout == 0, $"the control run failed (exit {exitWithout}):\n{outputWithout}");
        Assert.True(CountNnpackLines(outputWithout) > 0,
            "the preloaded nnp_initialize did not make libtorch complain, so this test reproduces nothing:\n" + outputWithout);
        Assert.True(exitWith == 0, $"the quick start failed (exit {exitWith}):\n{outputWith}");
        Assert.Equal(0, CountNnpackLines(outputWith));
    }

    private static int CountNnpackLines(string output) =>
        output.Split('\n').Count(line => line.Contains("NNPACK", StringComparison.Ordinal));

    private string CompileShim()
    {
        Directory.CreateDirectory(workspace);
        string source = Path.Combine(workspace, "nnp_unsupported.c");
        string library = Path.Combine(workspace, "libnnp_unsupported.so");
        File.WriteAllText(source, UnsupportedHardwareShim);
        ProcessStartInfo start = new("cc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-shared", "-fPIC", "-o", library, source }) start.ArgumentList.Add(argument);
        Process compiler;
        try
        {
            compiler = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("This test compiles a two-line C library and needs a C compiler on PATH as `cc` (Debian: apt-get install gcc).", exception);
        }

        using (compiler)
        {
            string errors = compiler.StandardError.ReadToEnd() + compiler.StandardOutput.ReadToEnd();
            compiler.WaitForExit();
            Assert.True(compiler.ExitCode == 0, "cc failed: " + errors);
        }

        return library;
    }

    private async Task<(int ExitCode, string Output)> RunQuickstart(string shim, bool switchOff)
    {
        ProcessStartInfo start = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string output = Path.Combine(workspace, switchOff ? "switch-off" : "switch-on");
        foreach (string argument in new[] { QuickstartTests.BuiltQuickstart(), "--epochs", "1", "--json", "--out", output })
            start.ArgumentList.Add(argument);
        start.Environment["LD_PRELOAD"] = shim;
        if (switchOff)
            start.Environment["FCN_NNPACK_SWITCH"] = "off";
        else
            start.Environment.Remove("FCN_NNPACK_SWITCH");

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, stdout + "\n" + await stderr);
    }

    public void Dispose()
    {
        try { if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
