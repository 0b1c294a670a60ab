using System;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Fcn.Packaging.Tests;

/// <summary>
/// What a user does after <c>dotnet add package</c>: pack the generator and the runtime into a local
/// folder feed, create a fresh project that references them from that feed, add one YAML spec, build
/// and run it. This catches what in-repo ProjectReferences hide: the generator's dependencies
/// (Fcn.Dsl, YamlDotNet) missing from analyzers/dotnet/cs (CS8785 and no generated code), the default
/// <c>**/*.fcn.yaml</c> glob, and the native-library fix travelling in buildTransitive.
/// </summary>
[Collection(LocalPackageFeedCollection.Name)]
public sealed class PackedConsumerTests
{
    private readonly ITestOutputHelper output;
    private readonly LocalPackageFeed packages;

    public PackedConsumerTests(LocalPackageFeed packages, ITestOutputHelper output)
    {
        this.packages = packages;
        this.output = output;
    }

    [Fact]
    public void A_project_consuming_the_packages_generates_and_runs_its_spec()
    {
        packages.AssertPacked();
        string feed = packages.Feed;
        string consumer = packages.NewFolder("consumer");
        string version = packages.Version;

        // The spec reference travels with the generator: diagnostics' help links open it.
        string generatorPackage = Path.Combine(feed, $"Fcn.Generator.{version}.nupkg");
        using (System.IO.Compression.ZipArchive package = System.IO.Compression.ZipFile.OpenRead(generatorPackage))
            Assert.NotNull(package.GetEntry("docs/spec.md"));

        WriteConsumer(consumer);
        DotnetCli.Result run = DotnetCli.Run(consumer, "run", "--", "45", "61");
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"the consumer failed to build or run: {run}");
        Assert.DoesNotContain("CS8785", run.Output);
        Assert.DoesNotContain("warning", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ConsumerProject.ExpectedOutput, run.Output);
        Assert.Contains("spec MyFcn", run.Output);
        Assert.True(File.Exists(Path.Combine(DocsBaseUrl(consumer), "spec.md")), "FcnDocsBaseUrl does not hold spec.md");
    }

    /// <summary>The FcnDocsBaseUrl the compiler saw (the generator package's props set it).</summary>
    private static string DocsBaseUrl(string consumer)
    {
        string config = Directory.GetFiles(Path.Combine(consumer, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single();
        const string key = "build_property.FcnDocsBaseUrl = ";
        string line = File.ReadLines(config).Single(l => l.StartsWith(key, StringComparison.Ordinal));
        return line.Substring(key.Length).Trim();
    }

    private void WriteConsumer(string directory)
    {
        string version = packages.Version;
        ConsumerProject.Write(directory, $"""
                <PackageReference Include="Fcn.Runtime" Version="{version}" />
                <PackageReference Include="Fcn.Generator" Version="{version}" />
            """);
        packages.WriteNuGetConfig(directory);
    }
}
