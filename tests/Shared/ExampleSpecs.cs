using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Fcn.Tests.Shared;

/// <summary>The example specs of the repository (examples/specs/*.fcn.yaml), the contract of the language.</summary>
internal static class ExampleSpecs
{
    public static string Directory { get; } = Path.Combine(RepositoryLayout.Root, "examples", "specs");

    /// <summary>File names, ordinal order: fcn-alexnet.fcn.yaml, ..., tiny-fcn8s.fcn.yaml.</summary>
    public static IReadOnlyList<string> Names { get; } = System.IO.Directory.GetFiles(Directory, "*.fcn.yaml")
        .Select(path => Path.GetFileName(path)!)
        .OrderBy(name => name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The full path of an example, e.g. <c>PathOf("fcn8s.fcn.yaml")</c>.</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>All specs as (path, text), as the build passes them to the generator.</summary>
    public static IEnumerable<(string Path, string Text)> All() => Names.Select(name => (PathOf(name), Text(name)));

    /// <summary>One row per file name, for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> TheoryData() => Names.Select(name => new object[] { name });
}
