using System;
using Fcn.Dsl.Diagnostics;

namespace Fcn.Generator.Diagnostics;

/// <summary>
/// Turns an unexpected exception inside the generator into diagnostic FCN9999. A generator that
/// throws only earns a CS8785 warning and silently contributes nothing, after which the user sees
/// puzzling "type not found" errors; an error that names the spec and the stage is actionable.
/// </summary>
internal static class GeneratorFailure
{
    public const string Id = "FCN9999";

    public static SpecDiagnostic From(Exception exception, string stage, string path) => new(
        Id,
        DiagnosticSeverity.Error,
        "generator failure while " + stage + ": " + exception.GetType().FullName + ": " + OneLine(exception.Message)
            + ". This is a bug in Fcn.Generator, please report it with the spec that triggers it.",
        SourceSpan.StartOf(path));

    private static string OneLine(string message) => message.Replace("\r", " ").Replace("\n", " ").Trim();
}
