using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Fcn.Cli.Commands;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;

namespace Fcn.Cli;

/// <summary>
/// The <c>fcn</c> tool as a function from arguments and two writers to an exit code, so tests run it
/// in-process and see exactly what a user sees. Every failure becomes one line on the error writer
/// that names the file or value at fault and what to do; stack traces only with <c>--verbose</c>.
/// </summary>
public static class FcnApp
{
    /// <summary>Runs <c>fcn</c> with <paramref name="args"/>; returns the process exit code.</summary>
    /// <param name="args">The command line after the program name.</param>
    /// <param name="output">Where results go (tables, JSON, DOT).</param>
    /// <param name="error">Where diagnostics and error messages go.</param>
    /// <param name="interactive">True when <paramref name="output"/> is a terminal a person watches (colours, live progress).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false)
    {
        var terminal = new Terminal(output, error, interactive);
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Show stack traces and details of failures.",
            Recursive = true,
        };
        var root = new RootCommand("fcn: check, summarise, draw, train, evaluate and run FCN specs (*.fcn.yaml), and pull their published weights.")
        {
            verbose,
            new CheckCommand().Create(terminal),
            new SummaryCommand().Create(terminal),
            new GraphCommand().Create(terminal),
            new TrainCommand().Create(terminal),
            new EvalCommand().Create(terminal),
            new PredictCommand().Create(terminal),
            new ExportCommand().Create(terminal),
            new DataCommand().Create(terminal),
            new WeightsCommand().Create(terminal),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // All of them, on one line: "required command missing" alone would hide "unrecognized 'trian'".
            error.WriteLine("fcn: " + string.Join(" ", parse.Errors.Select(e => OneLine(e.Message))) + " Run 'fcn --help' for usage.");
            return ExitCodes.Usage;
        }

        terminal.Verbose = parse.GetValue(verbose);
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                // Failures are reported below, in one line; Ctrl+C is the trainer's to handle.
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (DataMismatchException exception)
        {
            // The runtime's message says what fits what; the tool adds the options that map the names.
            error.WriteLine("fcn: " + OneLine(exception.Message) + " (fcn: --inputs MODEL=DATA, --labels HEAD=LABEL)");
            if (terminal.Verbose) error.WriteLine(exception.ToString());
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (IsUsersToFix(exception))
        {
            error.WriteLine("fcn: " + OneLine(exception.Message));
            if (terminal.Verbose) error.WriteLine(exception.ToString());
            return ExitCodes.Failure;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error.WriteLine("fcn: unexpected " + exception.GetType().Name + ": " + OneLine(exception.Message)
                + (terminal.Verbose ? "" : " (run again with --verbose for the stack trace, and please report it)"));
            if (terminal.Verbose) error.WriteLine(exception.ToString());
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Failures whose message already names the file and the problem: missing, unreadable or corrupt input.</summary>
    private static bool IsUsersToFix(Exception exception) =>
        exception is UserError or IOException or InvalidDataException or SampleLoadException or UnauthorizedAccessException;

    /// <summary>The message on one line, without the C++ backtrace libtorch appends to its errors.</summary>
    internal static string OneLine(string message)
    {
        int backtrace = message.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (backtrace > 0) message = message.Substring(0, backtrace);
        return message.Replace("\r\n", " ").Replace('\n', ' ').Trim();
    }
}
