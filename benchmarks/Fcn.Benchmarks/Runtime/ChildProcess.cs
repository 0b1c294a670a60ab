using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Runs this benchmark executable again, in a fresh process, with other arguments (and environment), and
/// returns the line its child mode printed after <paramref name="marker"/>: for measurements that must
/// not share a process with the rest of the run (peak memory, the untuned baseline).
/// </summary>
public static class ChildProcess
{
    public static string Run(string marker, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        string? process = Environment.ProcessPath;
        string entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly.");
        if (process is null) throw new InvalidOperationException("Cannot tell which executable is running.");
        var start = new ProcessStartInfo(process) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Run through the same host: `dotnet Fcn.Benchmarks.dll ...` or the apphost `Fcn.Benchmarks ...`.
        if (Path.GetFileNameWithoutExtension(process) == "dotnet") start.ArgumentList.Add(entry);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach ((string name, string value) in environment) start.Environment[name] = value;

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + process);
        var stderr = child.StandardError.ReadToEndAsync();
        string stdout = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        foreach (string line in stdout.Split('\n'))
        {
            if (line.StartsWith(marker, StringComparison.Ordinal)) return line.Substring(marker.Length).Trim();
        }

        throw new InvalidOperationException($"The child `{string.Join(' ', start.ArgumentList)}` printed no {marker.Trim()} line (exit code {child.ExitCode}):\n{stdout}\n{stderr.Result}");
    }
}
