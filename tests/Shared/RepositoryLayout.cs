using System;
using System.IO;

namespace Fcn.Tests.Shared;

/// <summary>
/// The repository around a running test: the folder holding FcnDsl.sln, found from the test's output
/// folder upwards. Linked into every test project that needs it (tests/Shared, see each .csproj).
/// </summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "FcnDsl.sln"))) return directory.FullName;
        throw new InvalidOperationException("FcnDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
