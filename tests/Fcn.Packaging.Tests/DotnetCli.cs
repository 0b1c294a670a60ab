using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Fcn.Packaging.Tests;

/// <summary>Runs the dotnet CLI the way a user would, capturing everything it prints.</summary>
internal static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}\n{Output}";
    }

    public static Result Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, environment: null, arguments);

    /// <summary>As <see cref="Run(string, string[])"/>, with extra environment variables for the child.</summary>
    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // A user's shell has no test-host variables; keep the child's MSBuild away from ours.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach (var (name, value) in environment) start.Environment[name] = value;

        StringBuilder output = new();
        using Process process = new() { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(8).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, output + "\n(timed out)");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }
}
