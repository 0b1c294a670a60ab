using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fcn.Packaging.Tests;

/// <summary>
/// A .NET Interactive C# kernel driven headless, as a notebook front end drives it: <c>dotnet-interactive
/// stdio</c> reads one JSON command envelope per line (<c>SubmitCode</c>) and writes one event envelope per
/// line, ending each command with <c>CommandSucceeded</c> or <c>CommandFailed</c> under the command's token
/// (the protocol of dotnet/interactive's StdIoKernelConnector).
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    /// <summary>The tool's version, pinned: the one this repository was tried with (served on the project's registry).</summary>
    public const string ToolVersion = "1.0.712001";

    private readonly Process process;
    private readonly BlockingCollection<string> lines = new();
    private int submissions;

    public sealed record CellResult(bool Succeeded, string Output, string Error)
    {
        public override string ToString() => (Succeeded ? "succeeded" : "failed: " + Error) + "\n" + Output;
    }

    private NotebookKernel(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Installs the tool into a local tool manifest in <paramref name="directory"/> and starts a C# kernel there.
    /// Returns null with the install's output when the tool cannot be installed.
    /// </summary>
    public static (NotebookKernel? Kernel, string InstallOutput) Start(string directory)
    {
        DotnetCli.Result manifest = DotnetCli.Run(directory, "new", "tool-manifest");
        DotnetCli.Result install = DotnetCli.Run(directory, "tool", "install", "Microsoft.dotnet-interactive", "--version", ToolVersion);
        string log = manifest.Output + install.Output;
        if (manifest.ExitCode != 0 || install.ExitCode != 0)
            return (null, log);

        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (string argument in new[] { "dotnet-interactive", "stdio", "--default-kernel", "csharp" })
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        return (new NotebookKernel(Process.Start(start)!), log);
    }

    /// <summary>Runs one cell and waits for its end; the output is what the cell printed and displayed.</summary>
    public CellResult Submit(string code, TimeSpan timeout)
    {
        string token = "fcndsl-cell-" + (++submissions);
        JsonObject envelope = new()
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
        };
        process.StandardInput.WriteLine(envelope.ToJsonString());
        process.StandardInput.Flush();

        StringBuilder output = new();
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !lines.TryTake(out string? line, left))
                return new CellResult(false, output.ToString(), $"no answer within {timeout}");
            JsonNode? message;
            try
            {
                message = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                output.AppendLine(line); // the kernel's own log lines
                continue;
            }
            string? eventType = message?["eventType"]?.GetValue<string>();
            string? commandToken = message?["command"]?["token"]?.GetValue<string>();
            JsonNode? body = message?["event"];
            switch (eventType)
            {
                case "StandardOutputValueProduced" or "StandardErrorValueProduced" or "DisplayedValueProduced" or "ReturnValueProduced":
                    foreach (JsonNode? value in body?["formattedValues"]?.AsArray() ?? new JsonArray())
                        if (value?["mimeType"]?.GetValue<string>() == "text/plain")
                            output.AppendLine(value["value"]?.GetValue<string>());
                    break;
                case "CommandFailed" when commandToken == token:
                    return new CellResult(false, output.ToString(), body?["message"]?.GetValue<string>() ?? "(no message)");
                case "CommandSucceeded" when commandToken == token:
                    return new CellResult(true, output.ToString(), "");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
        lines.Dispose();
    }
}
