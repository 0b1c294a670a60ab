using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Cli.Infrastructure;

namespace Fcn.Cli.Specs;

/// <summary>Turns the paths a user typed (files and folders) into the spec files they mean.</summary>
internal static class SpecPaths
{
    /// <summary>The extension every spec file has; folders are searched for it.</summary>
    public const string Extension = ".fcn.yaml";

    /// <summary>
    /// Files as given; folders become every <c>*.fcn.yaml</c> below them, in ordinal order so that
    /// diagnostics come out the same on every machine. Each file appears once.
    /// </summary>
    /// <exception cref="UserError">A path does not exist, or a folder holds no spec.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            IEnumerable<string> found;
            if (File.Exists(path))
            {
                found = new[] { path };
            }
            else if (Directory.Exists(path))
            {
                found = Directory.EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories)
                    .OrderBy(file => file, StringComparer.Ordinal)
                    .ToList();
                if (!found.Any())
                    throw new UserError($"{path}: the folder contains no *{Extension} file; pass a spec file or a folder of specs.");
            }
            else
            {
                throw new UserError($"{path}: no such file or folder; pass a *{Extension} spec or a folder of specs.");
            }

            foreach (string file in found)
                if (seen.Add(Path.GetFullPath(file))) files.Add(file);
        }

        return files;
    }

    /// <summary>
    /// The given spec and the other specs of its folder (not below it), the given one first: what
    /// <c>extends:</c> may name without the user listing every parent.
    /// </summary>
    /// <exception cref="UserError">The file does not exist.</exception>
    public static IReadOnlyList<string> WithSiblings(string spec)
    {
        if (!File.Exists(spec))
        {
            throw new UserError(Directory.Exists(spec)
                ? $"{spec}: is a folder; pass one *{Extension} spec file."
                : $"{spec}: no such file; pass a *{Extension} spec file.");
        }

        string folder = Path.GetDirectoryName(spec) is { Length: > 0 } directory ? directory : ".";
        string full = Path.GetFullPath(spec);
        var files = new List<string> { spec };
        files.AddRange(Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.TopDirectoryOnly)
            .Where(file => !string.Equals(Path.GetFullPath(file), full, StringComparison.Ordinal))
            .OrderBy(file => file, StringComparer.Ordinal));
        return files;
    }
}
