using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Xunit;

namespace Fcn.Dsl.Tests.Diagnostics;

/// <summary>Compiles small specs and asserts the one diagnostic they should produce, where it should be.</summary>
internal static class DiagnosticAssert
{
    public const string Path = "test.fcn.yaml";

    /// <summary>Compiles the specs together; the first is <see cref="Path"/>, the others other1.fcn.yaml, other2...</summary>
    public static IReadOnlyList<SpecDiagnostic> Compile(params string[] specs) =>
        SpecCompiler.Compile(specs.Select((text, i) => SpecCompiler.Parse(FileName(i), text)).ToList(), SpecOptions.Default).Diagnostics;

    public static string FileName(int index) => index == 0 ? Path : $"other{index}.fcn.yaml";

    /// <summary>
    /// Exactly one diagnostic, with this ID, starting on <paramref name="line"/> of the first spec where
    /// <paramref name="token"/> is written on that line (the column is looked up in the text, not typed in).
    /// </summary>
    public static SpecDiagnostic Single(string id, int line, string token, params string[] specs)
    {
        IReadOnlyList<SpecDiagnostic> diagnostics = Compile(specs);
        SpecDiagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal((id, Path, line, ColumnOf(specs[0], line, token)), (diagnostic.Id, diagnostic.Location.Path, diagnostic.Location.StartLine, diagnostic.Location.StartColumn));
        return diagnostic;
    }

    /// <summary>1-based column of the first <paramref name="token"/> on 1-based <paramref name="line"/>.</summary>
    public static int ColumnOf(string text, int line, string token)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        int index = lines[line - 1].IndexOf(token, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{token}' is not on line {line}: {lines[line - 1]}");
        return index + 1;
    }
}
