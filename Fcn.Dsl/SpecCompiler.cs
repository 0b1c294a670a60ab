using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl;

/// <summary>
/// The front door of the spec language. Parsing is per file (so an edit re-parses one file);
/// compiling resolves <c>extends:</c> and <c>variants:</c> across all files, validates, and analyses.
/// Neither method throws, whatever the input: every problem is a <see cref="SpecDiagnostic"/>.
/// </summary>
public static class SpecCompiler
{
    /// <summary>Parses one spec file into its syntax (with source locations), plus syntax diagnostics.</summary>
    public static SpecFile Parse(string path, string text) => throw new System.NotImplementedException("H1");

    /// <summary>Resolves, validates and analyses all parsed files together.</summary>
    public static SpecCompilation Compile(IReadOnlyList<SpecFile> files, SpecOptions options) => throw new System.NotImplementedException("H1");

    /// <summary>Parses and compiles a single file (convenience for tools and tests).</summary>
    public static SpecCompilation CompileText(string path, string text, SpecOptions? options = null) =>
        Compile(new[] { Parse(path, text) }, options ?? SpecOptions.Default);
}

/// <summary>Settings that come from the build (MSBuild properties) rather than the spec.</summary>
/// <param name="DefaultNamespace">Namespace for specs that declare none (the project's root namespace plus folder).</param>
public sealed record SpecOptions(string? DefaultNamespace)
{
    public static SpecOptions Default { get; } = new((string?)null);
}

/// <summary>The result of compiling specs: the valid models and every diagnostic, in a stable order.</summary>
public sealed record SpecCompilation(EquatableArray<FcnModel> Models, EquatableArray<SpecDiagnostic> Diagnostics);
