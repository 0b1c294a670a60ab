using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="FcnGenerator"/> through a real <see cref="CSharpGeneratorDriver"/>, the way the compiler
/// does, with step tracking on so tests can see which steps re-ran.
/// </summary>
internal sealed class GeneratorHarness
{
    public const string RootNamespace = "Harness.Models";

    public GeneratorHarness(IEnumerable<(string Path, string Text)> specs, string? rootNamespace = RootNamespace, string? projectDirectory = null, string? docsBaseUrl = null)
    {
        Texts = specs.Select(spec => (AdditionalText)new InMemoryAdditionalText(spec.Path, spec.Text)).ToList();
        Compilation = InMemoryCompiler.Create("HarnessUser", new[] { "namespace User { public static class Program { public static int Answer => 42; } }" });
        Driver = CSharpGeneratorDriver.Create(
            new[] { new FcnGenerator().AsSourceGenerator() },
            Texts,
            InMemoryCompiler.ParseOptions,
            new BuildOptions(new BuildProperties(rootNamespace, projectDirectory, docsBaseUrl)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public List<AdditionalText> Texts { get; }

    public Compilation Compilation { get; private set; }

    public GeneratorDriver Driver { get; private set; }

    /// <summary>Runs the generator and returns this run's result (its sources, diagnostics and tracked steps).</summary>
    public GeneratorRunResult Run()
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(Compilation, out Compilation updated, out _);
        Updated = updated;
        return Driver.GetRunResult().Results.Single();
    }

    /// <summary>The user's compilation plus the generated sources, after the last run.</summary>
    public Compilation? Updated { get; private set; }

    public void ReplaceSpec(string path, string text)
    {
        AdditionalText old = Texts.Single(t => t.Path == path);
        var replacement = new InMemoryAdditionalText(path, text);
        Texts[Texts.IndexOf(old)] = replacement;
        Driver = Driver.ReplaceAdditionalText(old, replacement);
    }

    public void AddUnrelatedCSharp() =>
        Compilation = Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace User { public static class Unrelated { } }", InMemoryCompiler.ParseOptions));

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            this.text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class BuildOptions : AnalyzerConfigOptionsProvider
    {
        private readonly BuildProperties global;

        public BuildOptions(BuildProperties global) => this.global = global;

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => BuildProperties.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => BuildProperties.Empty;
    }

    private sealed class BuildProperties : AnalyzerConfigOptions
    {
        public static readonly BuildProperties Empty = new(null, null, null);

        private readonly ImmutableDictionary<string, string> values;

        public BuildProperties(string? rootNamespace, string? projectDirectory, string? docsBaseUrl)
        {
            var properties = ImmutableDictionary<string, string>.Empty;
            if (rootNamespace is not null) properties = properties.Add("build_property.RootNamespace", rootNamespace);
            if (projectDirectory is not null) properties = properties.Add("build_property.ProjectDir", projectDirectory);
            if (docsBaseUrl is not null) properties = properties.Add("build_property.FcnDocsBaseUrl", docsBaseUrl);
            values = properties;
        }

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
