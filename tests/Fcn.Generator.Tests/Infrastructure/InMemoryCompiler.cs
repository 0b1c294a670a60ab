using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles C# in memory against the assemblies this test process runs on (the .NET runtime,
/// TorchSharp, Fcn.Runtime), with nullable enabled and every warning an error, as the repository's
/// projects build.
/// </summary>
internal static class InMemoryCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Create(string assemblyName, IEnumerable<string> sources) => CSharpCompilation.Create(
        assemblyName,
        sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
        References.Value,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error));

    /// <summary>Warnings and errors (hidden and info diagnostics are not problems).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) => compilation.GetDiagnostics()
        .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>Emits the compilation and loads it into a collectible load context that shares this process's TorchSharp.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string paths = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return paths.Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
