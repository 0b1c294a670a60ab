using Microsoft.CodeAnalysis.Diagnostics;

namespace Fcn.Generator.Pipeline;

/// <summary>
/// The few build settings the generator reads, reduced to a small value so that the pipeline stays
/// cached when any other MSBuild property or editorconfig setting changes.
/// </summary>
/// <param name="RootNamespace">The project's root namespace: the namespace of specs that declare none.</param>
internal sealed record GeneratorOptions(string? RootNamespace)
{
    public static GeneratorOptions From(AnalyzerConfigOptionsProvider provider)
    {
        provider.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? rootNamespace);
        return new GeneratorOptions(string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace!.Trim());
    }
}
