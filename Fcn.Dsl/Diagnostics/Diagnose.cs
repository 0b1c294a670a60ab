namespace Fcn.Dsl.Diagnostics;

/// <summary>Creates diagnostics with the severity the ID table gives them, so no call site can disagree.</summary>
public static class Diagnose
{
    public static SpecDiagnostic Error(string id, SourceSpan location, string message) =>
        new(id, DiagnosticSeverity.Error, message, location);

    public static SpecDiagnostic Warning(string id, SourceSpan location, string message) =>
        new(id, DiagnosticSeverity.Warning, message, location);
}
