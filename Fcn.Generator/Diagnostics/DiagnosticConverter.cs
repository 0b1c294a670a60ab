using System;
using Fcn.Dsl.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using SpecSeverity = Fcn.Dsl.Diagnostics.DiagnosticSeverity;

namespace Fcn.Generator.Diagnostics;

/// <summary>
/// Maps a spec diagnostic to a Roslyn diagnostic with the same ID, severity and message, located in
/// the YAML file so that the IDE underlines the offending key and <c>dotnet build</c> prints
/// <c>spec.fcn.yaml(12,5): error FCN0007: ...</c>.
/// </summary>
internal static class DiagnosticConverter
{
    /// <param name="diagnostic">The spec diagnostic.</param>
    /// <param name="docsBase">The folder or URL holding spec.md, for the help link (<see cref="DiagnosticHelpLinks"/>).</param>
    public static Diagnostic ToRoslyn(SpecDiagnostic diagnostic, string? docsBase)
    {
        RoslynSeverity severity = diagnostic.Severity == SpecSeverity.Error ? RoslynSeverity.Error : RoslynSeverity.Warning;
        return Diagnostic.Create(
            DiagnosticDescriptors.For(diagnostic.Id, severity, docsBase),
            ToLocation(diagnostic.Location),
            diagnostic.Message);
    }

    /// <summary>SourceSpan counts lines and columns from 1 (as YAML parsers and editors do); Roslyn from 0.</summary>
    public static Location ToLocation(SourceSpan span)
    {
        int startOffset = Math.Max(0, span.StartOffset);
        int endOffset = Math.Max(startOffset, span.EndOffset);
        var start = new LinePosition(Math.Max(0, span.StartLine - 1), Math.Max(0, span.StartColumn - 1));
        var end = new LinePosition(Math.Max(0, span.EndLine - 1), Math.Max(0, span.EndColumn - 1));
        if (end < start) end = start;
        return Location.Create(span.Path, TextSpan.FromBounds(startOffset, endOffset), new LinePositionSpan(start, end));
    }
}
