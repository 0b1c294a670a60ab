using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Fcn.Benchmarks.Generator;
using Fcn.Benchmarks.Infrastructure;

namespace Fcn.Benchmarks.BuildTime;

/// <summary>
/// <c>Fcn.Benchmarks build-time [--repetitions N]</c>: how much the generator adds to <c>dotnet build</c>.
/// Builds a 50-spec library with the generator and the same library with the generated C# checked in,
/// with a warm build server, in three situations: nothing changed, one spec (or its C#) edited, and a
/// full rebuild. The variants alternate (ABBA) so that a slow spell of the machine hits both.
/// Writes <c>results/build-time.md</c>.
/// </summary>
public static class BuildTimeCommand
{
    private static readonly BuildProjectVariant[] Variants = { BuildProjectVariant.Generator, BuildProjectVariant.CheckedIn };

    public static int Run(string[] arguments)
    {
        int repetitions = Options.Int(arguments, "--repetitions", 3);
        string root = Path.Combine(Path.GetTempPath(), "fcn-build-bench-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var writer = new BuildProjectWriter(root, SpecCorpus.Create(GeneratorDriverBenchmarks.SpecCount));
        try
        {
            writer.Write();
            Console.WriteLine($"Build-time benchmark in {root}: {GeneratorDriverBenchmarks.SpecCount} specs, {repetitions} repetitions.");

            // Restore, first build, then one more to settle the build server and MSBuild nodes: not timed.
            foreach (BuildProjectVariant variant in Variants)
            {
                DotnetBuild.Seconds(writer.ProjectFile(variant));
                DotnetBuild.Seconds(writer.ProjectFile(variant), "--no-restore");
            }

            var scenarios = new (string Name, Func<BuildProjectVariant, int, double> Build)[]
            {
                ("incremental, nothing changed", (variant, _) => DotnetBuild.Seconds(writer.ProjectFile(variant), "--no-restore")),
                ("incremental, one spec (or its .g.cs) edited", (variant, edit) =>
                {
                    File.AppendAllText(writer.EditedFile(variant), BuildProjectWriter.EditLine(variant, edit));
                    return DotnetBuild.Seconds(writer.ProjectFile(variant), "--no-restore");
                }),
                ("full rebuild (--no-incremental)", (variant, _) => DotnetBuild.Seconds(writer.ProjectFile(variant), "--no-restore", "--no-incremental")),
            };

            var table = new MarkdownTable("dotnet build", "with generator (median s)", "checked-in C# (median s)", "ratio", "min with / min without");
            foreach ((string name, Func<BuildProjectVariant, int, double> build) in scenarios)
            {
                var seconds = Variants.ToDictionary(variant => variant, _ => new List<double>());
                for (int repetition = 0; repetition < repetitions; repetition++)
                {
                    IEnumerable<BuildProjectVariant> order = repetition % 2 == 0 ? Variants : Variants.Reverse();
                    foreach (BuildProjectVariant variant in order)
                    {
                        double elapsed = build(variant, repetition);
                        seconds[variant].Add(elapsed);
                        Console.WriteLine($"  {name}, {variant}: {Format.Fixed(elapsed, 2)} s");
                    }
                }

                double with = Statistics.Median(seconds[BuildProjectVariant.Generator]);
                double without = Statistics.Median(seconds[BuildProjectVariant.CheckedIn]);
                table.AddRow(
                    name,
                    Format.Fixed(with, 2),
                    Format.Fixed(without, 2),
                    Format.Ratio(with / without),
                    Format.Ratio(Statistics.Min(seconds[BuildProjectVariant.Generator]) / Statistics.Min(seconds[BuildProjectVariant.CheckedIn])));
            }

            var markdown = new StringBuilder();
            markdown.Append("## Build-time overhead (").Append(GeneratorDriverBenchmarks.SpecCount).Append(" specs, `dotnet build --no-restore`, warm build server, ")
                .Append(repetitions).Append(" repetitions)\n\n").Append(table);
            string path = Path.Combine(RepositoryPaths.Results, "build-time.md");
            File.WriteAllText(path, markdown.ToString());
            Console.WriteLine();
            Console.WriteLine(markdown);
            Console.WriteLine("Written to " + path);
            return 0;
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
