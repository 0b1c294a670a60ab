using System.CommandLine;
using System.Globalization;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Specs;
using Fcn.Dsl.Diagnostics;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn check &lt;specs or folders...&gt; [--warnaserror]</c>: compiles the specs together and reports
/// every diagnostic in the compiler's format, which editors and CI logs already understand.
/// </summary>
internal sealed class CheckCommand
{
    private readonly Argument<string[]> specs = new("specs")
    {
        Description = "Spec files (*.fcn.yaml) or folders to search for them; compiled together so extends: resolves.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> warningsAsErrors = new("--warnaserror")
    {
        Description = "Treat warnings as errors (report them as errors and fail).",
    };

    public Command Create(Terminal terminal)
    {
        var command = new Command("check", "Validate specs and print their diagnostics (exit 1 on any error).") { specs, warningsAsErrors };
        command.SetAction(parse => Run(terminal, parse.GetValue(specs)!, parse.GetValue(warningsAsErrors)));
        return command;
    }

    private static int Run(Terminal terminal, string[] paths, bool warningsAsErrors)
    {
        SpecBuild build = SpecBuild.Compile(SpecPaths.Expand(paths));
        int errors = 0, warnings = 0;
        foreach (SpecDiagnostic reported in build.Diagnostics)
        {
            // As MSBuild does with -warnaserror: the warning is reported as an error, with its own ID.
            SpecDiagnostic diagnostic = warningsAsErrors && !reported.IsError
                ? reported with { Severity = DiagnosticSeverity.Error }
                : reported;
            if (diagnostic.IsError) errors++;
            else warnings++;
            terminal.Error.WriteLine(diagnostic.ToString());
        }

        terminal.Out.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0}, {1}, {2}, {3}",
            Counted(build.Paths.Count, "spec"),
            Counted(build.Models.Count, "model"),
            Counted(errors, "error"),
            Counted(warnings, "warning")));
        return errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Counted(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
