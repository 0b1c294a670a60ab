using System;
using System.IO;

namespace Fcn.Benchmarks.Infrastructure;

/// <summary>
/// Where the benchmarks find the repository's files (the example specs) and put their results.
/// The executable runs from its build output deep inside the repository, so the root is found by
/// walking up to the solution file; <c>FCN_REPO_ROOT</c> overrides that for a copied executable.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory that holds <c>FcnDsl.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>examples/specs</c>: the published FCNs and the tiny example, as specs.</summary>
    public static string ExampleSpecs => Path.Combine(Root, "examples", "specs");

    /// <summary><c>benchmarks/results</c> (git-ignored), created on first use.</summary>
    public static string Results
    {
        get
        {
            string results = Environment.GetEnvironmentVariable("FCN_BENCH_RESULTS") is { Length: > 0 } custom
                ? Path.GetFullPath(custom)
                : Path.Combine(Root, "benchmarks", "results");
            Directory.CreateDirectory(results);
            return results;
        }
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("FCN_REPO_ROOT") is { Length: > 0 } configured)
            return Path.GetFullPath(configured);

        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FcnDsl.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException(
            "Cannot find the repository root (FcnDsl.sln) above " + AppContext.BaseDirectory + ". Set FCN_REPO_ROOT.");
    }
}
