using System.IO;
using Spectre.Console;

namespace Fcn.Cli.Infrastructure;

/// <summary>
/// Where a command writes: plain text and JSON to <see cref="Out"/>, diagnostics and errors to
/// <see cref="Error"/>, tables and progress through <see cref="Console"/>, a Spectre console over
/// <see cref="Out"/>. Tests pass string writers and read back exactly what a user would see.
/// </summary>
internal sealed class Terminal
{
    /// <summary>Width used when the output is not a terminal (a pipe, a file, a test): wide enough for the summary table.</summary>
    private const int RedirectedWidth = 200;

    public Terminal(TextWriter output, TextWriter error, bool isInteractive)
    {
        Out = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            // Escape codes only where a human watches; files and pipes get plain text.
            Ansi = isInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isInteractive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isInteractive) Console.Profile.Width = RedirectedWidth;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Whether <c>--verbose</c> was given: details of warnings, stack traces of failures.</summary>
    public bool Verbose { get; set; }
}
