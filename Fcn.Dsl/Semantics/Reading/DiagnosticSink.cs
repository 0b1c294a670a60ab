using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Reading;

/// <summary>Collects the diagnostics of one spec and remembers whether any was an error.</summary>
internal sealed class DiagnosticSink
{
    private readonly List<SpecDiagnostic> diagnostics = new();

    public IReadOnlyList<SpecDiagnostic> Diagnostics => diagnostics;

    public int ErrorCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Error(string id, SourceSpan location, string message)
    {
        diagnostics.Add(Diagnose.Error(id, location, message));
        ErrorCount++;
    }

    public void Warning(string id, SourceSpan location, string message) =>
        diagnostics.Add(Diagnose.Warning(id, location, message));

    public void Add(SpecDiagnostic diagnostic)
    {
        diagnostics.Add(diagnostic);
        if (diagnostic.IsError) ErrorCount++;
    }
}
