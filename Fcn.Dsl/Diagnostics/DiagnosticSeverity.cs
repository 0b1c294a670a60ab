namespace Fcn.Dsl.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
