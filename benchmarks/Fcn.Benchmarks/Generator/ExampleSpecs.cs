using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Benchmarks.Infrastructure;

namespace Fcn.Benchmarks.Generator;

/// <summary>The specs of <c>examples/specs</c>, read once, and the chains of specs they extend.</summary>
public static class ExampleSpecs
{
    private static readonly Lazy<IReadOnlyList<SpecText>> LazyAll = new(Load);

    /// <summary>Every example spec, ordered by file name.</summary>
    public static IReadOnlyList<SpecText> All => LazyAll.Value;

    /// <summary>
    /// The spec and every spec it extends, base first (FCN-8s: fcn32s, fcn16s, fcn8s): the files that
    /// must be compiled together to get its model. Works over any set of specs, not only the examples.
    /// </summary>
    public static IReadOnlyList<SpecText> ChainOf(SpecText spec, IReadOnlyList<SpecText> available)
    {
        var chain = new List<SpecText> { spec };
        for (string? parent = spec.Extends; parent is not null; parent = chain[0].Extends)
        {
            SpecText next = available.FirstOrDefault(candidate => candidate.ModelName == parent)
                ?? throw new InvalidOperationException($"{spec.FileName} extends '{parent}', which no spec declares.");
            chain.Insert(0, next);
        }

        return chain;
    }

    private static IReadOnlyList<SpecText> Load() => Directory
        .GetFiles(RepositoryPaths.ExampleSpecs, "*.fcn.yaml")
        .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
        .Select(path => new SpecText(path, File.ReadAllText(path)))
        .ToList();
}
