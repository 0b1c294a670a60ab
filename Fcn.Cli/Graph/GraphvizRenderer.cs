using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Tasks;
using Fcn.Cli.Infrastructure;

namespace Fcn.Cli.Graph;

/// <summary>Turns DOT into SVG with Graphviz's <c>dot</c> program, when it is installed.</summary>
internal static class GraphvizRenderer
{
    /// <summary>The Graphviz layout program, looked up on PATH.</summary>
    public const string DefaultExecutable = "dot";

    /// <exception cref="UserError">Graphviz is not installed, or it rejected the graph.</exception>
    public static string ToSvg(string dot, string executable = DefaultExecutable)
    {
        var start = new ProcessStartInfo(executable, "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new UserError($"--format svg needs Graphviz, but '{executable}' was not found on PATH; install Graphviz (e.g. apt-get install graphviz), or use --format dot or --format mermaid.");
        }

        using (process)
        {
            // Read both streams while writing: a large graph would otherwise fill a pipe and deadlock.
            Task<string> svg = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new UserError($"Graphviz '{executable}' failed (exit {process.ExitCode}): {errors.Result.Trim()}");
            return svg.Result;
        }
    }
}
