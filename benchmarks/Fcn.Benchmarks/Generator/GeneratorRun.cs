using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// Sets up <see cref="FcnGenerator"/> in a real <see cref="CSharpGeneratorDriver"/>, as the compiler
/// runs it: specs as additional files, the root namespace as a build property, step tracking off.
/// </summary>
public static class GeneratorRun
{
    public const string RootNamespace = "BuildBench";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs) => CSharpGeneratorDriver.Create(
        new[] { new FcnGenerator().AsSourceGenerator() },
        specs,
        ParseOptions,
        new BuildProperties(RootNamespace),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// A small user compilation for the generator to run against. The generator reads no C#, so what
    /// matters is only that an edit to it is a real syntax-tree change.
    /// </summary>
    public static CSharpCompilation CreateUserCompilation(params string[] sources) => CSharpCompilation.Create(
        "BuildBenchUser",
        sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
        new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Generated files of a run (hint name and text); throws if the generator reported an error.</summary>
    /// <summary>
    /// How many files the generator adds for <paramref name="specCount"/> specs: one model each, plus the
    /// runtime-setup module initializer (FcnDsl.RuntimeSetup.g.cs) that every project with a spec gets.
    /// </summary>
    public static int ExpectedSources(int specCount) => specCount == 0 ? 0 : specCount + 1;

    public static IReadOnlyList<(string HintName, string Text)> Sources(GeneratorDriver driver)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null) throw new InvalidOperationException("The generator threw.", result.Exception);
        Diagnostic[] errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
            throw new InvalidOperationException("The generator reported errors:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        return result.GeneratedSources.Select(source => (source.HintName, source.SourceText.ToString())).ToList();
    }

    /// <summary>Runs the generator once over the specs and writes its files to <paramref name="directory"/>.</summary>
    public static int WriteGeneratedSources(IEnumerable<SpecText> specs, string directory)
    {
        GeneratorDriver driver = CreateDriver(specs.Select(spec => (AdditionalText)new InMemorySpecFile(spec.Path, spec.Text)))
            .RunGenerators(CreateUserCompilation("namespace BuildBench { internal static class Anchor { } }"));
        IReadOnlyList<(string HintName, string Text)> sources = Sources(driver);
        Directory.CreateDirectory(directory);
        foreach ((string hintName, string text) in sources) File.WriteAllText(Path.Combine(directory, hintName), text);
        return sources.Count;
    }
}
