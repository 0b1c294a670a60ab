using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Fcn.Dsl.Tests.Language;

/// <summary>The example specs of the repository (examples/specs), found by walking up to the solution.</summary>
public static class ExampleSpecs
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "examples", "specs");

    /// <summary>(file name, text) of every example, in file-name order.</summary>
    public static IReadOnlyList<(string Name, string Text)> All() =>
        System.IO.Directory.GetFiles(Directory, "*.fcn.yaml")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();

    /// <summary>All examples parsed and compiled together, as the generator does (extends cross files).</summary>
    public static SpecCompilation CompileAll(SpecOptions? options = null) =>
        SpecCompiler.Compile(All().Select(spec => SpecCompiler.Parse(spec.Name, spec.Text)).ToList(), options ?? SpecOptions.Default);

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "FcnDsl.sln"))) return directory.FullName;
        throw new InvalidOperationException("FcnDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
