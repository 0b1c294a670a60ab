using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Tests.Language;
using Xunit;

namespace Fcn.Dsl.Tests.Fuzz;

/// <summary>
/// Whatever the text, parsing and compiling return diagnostics, never an exception (the generator
/// runs them on every keystroke, and an exception there silently drops all generated code), never
/// the internal-error fallback, and every diagnostic points inside the file it is about.
/// </summary>
public sealed class NoThrowTests
{
    private static readonly IReadOnlyList<SpecFile> Examples =
        ExampleCompilation.ParseAll();

    [Fact]
    public void Mutated_and_hostile_specs_never_throw_and_locate_every_diagnostic()
    {
        // 2000 seeds x 1 text each, compiled alone and together with the examples (so extends and
        // variants of mutated specs meet real parents). CsCheck reports the failing seed.
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            foreach (string text in SpecCorpus.Generate(seed, 1)) CheckText(text);
        }, iter: 2000);
    }

    [Fact]
    public void Corpus_is_deterministic_and_varied()
    {
        Assert.Equal(SpecCorpus.Generate(42, 50), SpecCorpus.Generate(42, 50));
        Assert.True(SpecCorpus.Generate(7, 200).Distinct().Count() > 150);
    }

    [Fact]
    public void Billion_laughs_is_rejected_quickly()
    {
        var text = new System.Text.StringBuilder("model: Laughs\nparameters:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++)
            text.Append($"  a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat("*a" + (level - 1), 10))}]\n");
        SpecFile file = SpecCompiler.Parse("laughs.fcn.yaml", text.ToString());
        SpecDiagnostic diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal(DiagnosticIds.OutOfRange, diagnostic.Id);
        Assert.Empty(file.Documents);
    }

    /// <summary>Lines as YAML counts them: \r\n, \r, \n, NEL, LS and PS all break lines.</summary>
    private static int YamlLineCount(string text)
    {
        int lines = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029') lines++;
        }
        return lines;
    }

    private static void CheckText(string text)
    {
        const string path = "fuzz.fcn.yaml";
        SpecFile file = SpecCompiler.Parse(path, text);
        SpecCompilation alone = SpecCompiler.Compile(new[] { file }, SpecOptions.Default);
        SpecCompilation together = SpecCompiler.Compile(Examples.Append(file).ToList(), new SpecOptions("Fuzz"));
        int lines = YamlLineCount(text);
        foreach (SpecDiagnostic diagnostic in file.Diagnostics.Concat(alone.Diagnostics).Concat(together.Diagnostics))
        {
            Assert.True(diagnostic.Id != DiagnosticIds.InternalError, diagnostic + "\n--- spec ---\n" + text);
            SourceSpan at = diagnostic.Location;
            int fileLines = at.Path == path ? lines : 10_000;
            Assert.True(at.StartLine >= 1 && at.StartLine <= fileLines + 1 && at.StartColumn >= 1 && at.EndLine >= at.StartLine,
                "outside the file: " + diagnostic + "\n--- spec ---\n" + text);
            if (at.Path == path)
                Assert.True(at.StartOffset >= 0 && at.StartOffset <= at.EndOffset && at.EndOffset <= text.Length, "offsets outside the file: " + diagnostic);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }
    }
}
