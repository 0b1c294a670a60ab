using System.Globalization;

namespace Fcn.Dsl.Diagnostics;

/// <summary>
/// A problem found in a spec: a stable <see cref="Id"/> (FCN0001...), a message that says what is wrong
/// and what to do, and where. Rendered in the compiler's format by <see cref="ToString"/>.
/// </summary>
public sealed record SpecDiagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Location)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary><c>path(line,col): error FCN0007: message</c>, the format MSBuild and IDEs parse.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture, "{0}({1},{2}): {3} {4}: {5}",
        Location.Path, Location.StartLine, Location.StartColumn,
        Severity == DiagnosticSeverity.Error ? "error" : "warning", Id, Message);
}
