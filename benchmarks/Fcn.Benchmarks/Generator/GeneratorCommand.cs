using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Dsl.Model;
using Fcn.Generator.Emission;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// <c>Fcn.Benchmarks generator [BenchmarkDotNet arguments]</c>: runs the generator benchmarks and writes
/// <c>results/generator.md</c>, a compact table per benchmark class (BenchmarkDotNet's own reports land in
/// <c>results/BenchmarkDotNet.Artifacts</c>).
/// </summary>
public static class GeneratorCommand
{
    public static int Run(string[] arguments)
    {
        string artifacts = Path.Combine(RepositoryPaths.Results, "BenchmarkDotNet.Artifacts");
        var config = new GeneratorBenchmarkConfig(artifacts);
        string[] switcherArguments = arguments.Length == 0 ? new[] { "--filter", "*" } : arguments;
        IEnumerable<Summary> summaries = BenchmarkSwitcher
            .FromTypes(new[] { typeof(SpecPipelineBenchmarks), typeof(GeneratorDriverBenchmarks) })
            .Run(switcherArguments, config);

        string markdown = Describe(summaries.ToList());
        string path = Path.Combine(RepositoryPaths.Results, "generator.md");
        File.WriteAllText(path, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine("Written to " + path);
        return 0;
    }

    private static string Describe(IReadOnlyList<Summary> summaries)
    {
        var text = new StringBuilder();
        text.Append("## Generator\n\n");
        foreach (Summary summary in summaries)
        {
            if (summary.Reports.Any(report => report.BenchmarkCase.Descriptor.Type == typeof(SpecPipelineBenchmarks)))
                text.Append(SpecPipelineTable(summary));
            else
                text.Append(DriverTable(summary));
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One row per spec: nodes, generated size, and the mean time (allocations) of each step.</summary>
    private static string SpecPipelineTable(Summary summary)
    {
        var table = new MarkdownTable("Spec", "Nodes", "Generated C#", "Parse", "Validate", "Emit", "Parse+validate+emit", "Allocated (all three)");
        foreach (IGrouping<string, BenchmarkReport> spec in summary.Reports.GroupBy(report => (string)report.BenchmarkCase.Parameters["Spec"]))
        {
            (_, FcnModel model) = SpecPipelineBenchmarks.Prepare(spec.Key);
            string emitted = ModelEmitter.Emit(model);
            table.AddRow(
                spec.Key,
                model.Nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Bytes(Encoding.UTF8.GetByteCount(emitted)),
                Mean(spec, nameof(SpecPipelineBenchmarks.Parse)),
                Mean(spec, nameof(SpecPipelineBenchmarks.Validate)),
                Mean(spec, nameof(SpecPipelineBenchmarks.Emit)),
                Mean(spec, nameof(SpecPipelineBenchmarks.ParseValidateEmit)),
                Allocated(spec, nameof(SpecPipelineBenchmarks.ParseValidateEmit)));
        }

        return "### Per spec (median of BenchmarkDotNet's short run; a spec that extends others is validated with its bases)\n\n" + table;
    }

    private static string DriverTable(Summary summary)
    {
        var table = new MarkdownTable("Run of the generator driver over 50 specs", "Mean", "Median", "Allocated");
        foreach (BenchmarkReport report in summary.Reports)
        {
            table.AddRow(
                report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                report.ResultStatistics is null ? "failed" : Format.Duration(report.ResultStatistics.Mean),
                report.ResultStatistics is null ? "failed" : Format.Duration(report.ResultStatistics.Median),
                AllocatedText(report));
        }

        return "### Whole generator (CSharpGeneratorDriver, incremental runs start from a warm driver)\n\n" + table;
    }

    private static string Mean(IEnumerable<BenchmarkReport> reports, string method) =>
        reports.SingleOrDefault(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method) is { ResultStatistics: { } statistics }
            ? Format.Duration(statistics.Median)
            : "n/a";

    private static string Allocated(IEnumerable<BenchmarkReport> reports, string method) =>
        reports.SingleOrDefault(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method) is { } report
            ? AllocatedText(report)
            : "n/a";

    private static string AllocatedText(BenchmarkReport report) =>
        report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? Format.Bytes(bytes) : "n/a";
}
