using System.IO;
using Fcn.Tests.Shared;

namespace Fcn.Packaging.Tests;

/// <summary>A copy of the product projects (with the repository-wide build files and docs/spec.md) a consumer test builds from.</summary>
internal static class ProductSources
{
    public static void CopyTo(string destination)
    {
        string root = RepositoryLayout.Root;
        Directory.CreateDirectory(destination);
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.Copy(Path.Combine(root, file), Path.Combine(destination, file));
        foreach (string project in new[] { "Fcn.Dsl", "Fcn.Imaging", "Fcn.Generator", "Fcn.Runtime" })
            CopyDirectory(Path.Combine(root, project), Path.Combine(destination, project));
        // The generator package ships the spec reference (diagnostics' help links open it).
        Directory.CreateDirectory(Path.Combine(destination, "docs"));
        File.Copy(Path.Combine(root, "docs", "spec.md"), Path.Combine(destination, "docs", "spec.md"));
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (string directory in Directory.GetDirectories(source))
        {
            string name = Path.GetFileName(directory);
            if (name is "bin" or "obj") continue;
            CopyDirectory(directory, Path.Combine(destination, name));
        }
    }
}
