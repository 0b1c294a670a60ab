namespace Fcn.Dsl.Diagnostics;

/// <summary>One row of the diagnostic table: ID, severity, what it means.</summary>
public sealed record DiagnosticDescription(string Id, DiagnosticSeverity Severity, string Description);
