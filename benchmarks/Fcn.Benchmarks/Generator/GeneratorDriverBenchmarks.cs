using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// The whole generator in a real <see cref="GeneratorDriver"/> over a project of 50 specs: a first
/// (cold) run, and the incremental runs that follow an edit. A driver is immutable, so every
/// invocation starts from the same warm driver (one that has already run over the 50 specs) and
/// measures exactly one incremental run, as the compiler does between two keystrokes or builds.
/// </summary>
public class GeneratorDriverBenchmarks
{
    public const int SpecCount = 50;

    private GeneratorDriver cold = null!;
    private GeneratorDriver warm = null!;
    private Compilation compilation = null!;
    private Compilation editedCompilation = null!;
    private AdditionalText editedSpecOriginal = null!;
    private AdditionalText editedSpecModelChange = null!;
    private AdditionalText editedSpecCommentOnly = null!;

    /// <summary>The spec that the edit cases change: a copy of the tiny example, which no other spec extends.</summary>
    public static SpecText EditedSpec(IReadOnlyList<SpecText> corpus) => corpus.Last(spec => spec.Text.Contains("model: TinyFcn8sCopy"));

    /// <summary>An edit that changes the model: fc7's width (every line after it keeps its place).</summary>
    public static string ModelChangingEdit(string text)
    {
        const string Fc7 = "{ name: fc7, op: conv, out: 128,";
        if (!text.Contains(Fc7)) throw new InvalidOperationException("The tiny example no longer declares fc7 with 128 channels; update the benchmark's edit.");
        return text.Replace(Fc7, "{ name: fc7, op: conv, out: 96,");
    }

    [GlobalSetup]
    public void Setup()
    {
        IReadOnlyList<SpecText> corpus = SpecCorpus.Create(SpecCount);
        List<AdditionalText> files = corpus.Select(spec => (AdditionalText)new InMemorySpecFile(spec.Path, spec.Text)).ToList();
        SpecText edited = EditedSpec(corpus);
        editedSpecOriginal = files.Single(file => file.Path == edited.Path);
        editedSpecModelChange = new InMemorySpecFile(edited.Path, ModelChangingEdit(edited.Text));
        editedSpecCommentOnly = new InMemorySpecFile(edited.Path, edited.Text + "# an edit that changes no model\n");

        compilation = GeneratorRun.CreateUserCompilation(
            "namespace User { public static class Program { public static int Answer => 42; } }",
            "namespace User { public static class Other { } }");
        SyntaxTree other = compilation.SyntaxTrees.Last();
        editedCompilation = compilation.ReplaceSyntaxTree(other, other.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From("namespace User { public static class Other { public static int Edited => 1; } }")));

        cold = GeneratorRun.CreateDriver(files);
        warm = cold.RunGenerators(compilation);

        // Fail here, not in a table of fast nonsense, if the generator produced less than it should.
        int generated = GeneratorRun.Sources(warm).Count;
        if (generated != GeneratorRun.ExpectedSources(SpecCount))
            throw new InvalidOperationException($"Expected {GeneratorRun.ExpectedSources(SpecCount)} generated files, got {generated}.");
        GeneratorRun.Sources(OneSpecEdited());
    }

    /// <summary>A cold run: every spec parsed, all validated together, every model emitted.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => cold.RunGenerators(compilation);

    /// <summary>Nothing changed: every step cached.</summary>
    [Benchmark]
    public GeneratorDriver NoChange() => warm.RunGenerators(compilation);

    /// <summary>One spec edited so that its model changes: one parse, the joint validation, one emit.</summary>
    [Benchmark]
    public GeneratorDriver OneSpecEdited() => warm.ReplaceAdditionalText(editedSpecOriginal, editedSpecModelChange).RunGenerators(compilation);

    /// <summary>One spec given a comment: one parse and the joint validation; the equal model is not emitted again.</summary>
    [Benchmark]
    public GeneratorDriver OneSpecCommentAdded() => warm.ReplaceAdditionalText(editedSpecOriginal, editedSpecCommentOnly).RunGenerators(compilation);

    /// <summary>A C# file edited: the generator reads no C#, so nothing of it should run.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedCSharpEdit() => warm.RunGenerators(editedCompilation);
}
