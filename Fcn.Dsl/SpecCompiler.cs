using System;
using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl;

/// <summary>
/// The front door of the spec language. Parsing is per file (so an edit re-parses one file);
/// compiling resolves <c>extends:</c> and <c>variants:</c> across all files, validates, and analyses.
/// Neither method throws, whatever the input: every problem is a <see cref="SpecDiagnostic"/>.
/// </summary>
public static class SpecCompiler
{
    /// <summary>Parses one spec file into its syntax (with source locations), plus syntax diagnostics.</summary>
    public static SpecFile Parse(string path, string text)
    {
        try
        {
            return YamlTreeReader.Read(path ?? "", text ?? "");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only a bug gets here (YAML errors are diagnostics already); the tools must still not crash.
            return new SpecFile(path ?? "", EquatableArray<SpecDocument>.Empty, new[] { InternalError(SourceSpan.StartOf(path ?? ""), exception) }.ToEquatableArray());
        }
    }

    /// <summary>Resolves, validates and analyses all parsed files together.</summary>
    public static SpecCompilation Compile(IReadOnlyList<SpecFile> files, SpecOptions options)
    {
        try
        {
            return new SpecCompilationBuilder(files, options ?? SpecOptions.Default).Build();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            string path = files is { Count: > 0 } ? files[0].Path : "";
            return new SpecCompilation(EquatableArray<FcnModel>.Empty, new[] { InternalError(SourceSpan.StartOf(path), exception) }.ToEquatableArray());
        }
    }

    /// <summary>Parses and compiles a single file (convenience for tools and tests).</summary>
    public static SpecCompilation CompileText(string path, string text, SpecOptions? options = null) =>
        Compile(new[] { Parse(path, text) }, options ?? SpecOptions.Default);

    private static SpecDiagnostic InternalError(SourceSpan location, Exception exception) =>
        Diagnose.Error(DiagnosticIds.InternalError, location,
            $"Internal error: {exception.GetType().Name}: {exception.Message}. Please report this with the spec that caused it.");
}

/// <summary>Settings that come from the build (MSBuild properties) rather than the spec.</summary>
/// <param name="DefaultNamespace">Namespace for specs that declare none (the project's root namespace plus folder).</param>
public sealed record SpecOptions(string? DefaultNamespace)
{
    public static SpecOptions Default { get; } = new((string?)null);

    /// <summary>
    /// Namespaces for particular spec files (by path), e.g. the root namespace plus the folders between
    /// the project and the file, as C# does for new classes. Files not listed get <see cref="DefaultNamespace"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? NamespacesByPath { get; init; }

    /// <summary>The namespace of a spec at <paramref name="path"/> that declares none.</summary>
    public string? NamespaceFor(string path) =>
        NamespacesByPath is not null && NamespacesByPath.TryGetValue(path, out string? folderNamespace) ? folderNamespace : DefaultNamespace;
}

/// <summary>The result of compiling specs: the valid models and every diagnostic, in a stable order.</summary>
public sealed record SpecCompilation(EquatableArray<FcnModel> Models, EquatableArray<SpecDiagnostic> Diagnostics);
