using System;
using System.IO;

namespace Fcn.Packaging.Tests;

/// <summary>Finds the repository root from the test's output folder (the folder holding FcnDsl.sln).</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FcnDsl.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("FcnDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
