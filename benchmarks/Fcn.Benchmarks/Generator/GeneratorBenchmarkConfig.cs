using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// BenchmarkDotNet's short run (3 warm-up and 3 measured iterations, one launch), in process, with
/// allocations per operation. In process, because building a separate benchmark executable per class
/// costs minutes on a 2-core machine and the whole suite has a 15-minute budget; the price is that
/// every case shares one process (and its JIT tiering and heap), which is acceptable for the
/// millisecond-scale work measured here. Iterations of 150 ms instead of 500 ms, for the same reason.
/// </summary>
public sealed class GeneratorBenchmarkConfig : ManualConfig
{
    public GeneratorBenchmarkConfig(string artifactsPath)
    {
        AddJob(Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithIterationTime(TimeInterval.FromMilliseconds(150))
            .WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance);
        AddLogger(ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub);
        ArtifactsPath = artifactsPath;
        WithOptions(ConfigOptions.DisableLogFile);
    }
}
