using System;
using System.Diagnostics;

namespace Fcn.Benchmarks.BuildTime;

/// <summary>Runs <c>dotnet build</c> as a user would from a shell, and times it from start to exit.</summary>
public static class DotnetBuild
{
    /// <summary>Wall-clock seconds of one <c>dotnet build</c>; throws with its output if it fails.</summary>
    public static double Seconds(string projectFile, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(projectFile);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-v:q");
        foreach (string argument in extraArguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        Stopwatch clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        // Read both streams to the end so a chatty build cannot block on a full pipe.
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet build {projectFile} failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return clock.Elapsed.TotalSeconds;
    }
}
