using System;
using System.IO;

namespace Fcn.Cli.Tests.Support;

/// <summary>The repository's example specs, found from the test's output folder upwards.</summary>
internal static class ExampleSpecs
{
    public static string Folder { get; } = Locate();

    /// <summary>The full path of an example spec, e.g. <c>fcn8s.fcn.yaml</c>.</summary>
    public static string Path(string fileName) => System.IO.Path.Combine(Folder, fileName);

    private static string Locate()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = System.IO.Path.Combine(folder.FullName, "examples", "specs");
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "FcnDsl.sln")) && Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("examples/specs was not found above " + AppContext.BaseDirectory);
    }
}
