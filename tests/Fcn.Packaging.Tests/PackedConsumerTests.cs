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
public sealed class PackedConsumerTests : IDisposable
{
    private readonly ITestOutputHelper output;
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "fcndsl-pack-" + Guid.NewGuid().ToString("N"));
    // A version no other run uses, so the NuGet cache never serves a stale package from an earlier run.
    private readonly string version = "0.0.0-pack." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    public PackedConsumerTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void A_project_consuming_the_packages_generates_and_runs_its_spec()
    {
        string sources = Path.Combine(workspace, "src");
        string feed = Path.Combine(workspace, "feed");
        string consumer = Path.Combine(workspace, "consumer");
        ProductSources.CopyTo(sources);

        foreach (string project in new[] { "Fcn.Imaging", "Fcn.Generator", "Fcn.Runtime" })
        {
            DotnetCli.Result pack = DotnetCli.Run(sources, "pack", Path.Combine(project, project + ".csproj"),
                "-c", "Release", "-o", feed, "-p:Version=" + version);
            output.WriteLine(pack.Output);
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed: {pack}");
        }

        // The spec reference travels with the generator: diagnostics' help links open it.
        string generatorPackage = Path.Combine(feed, $"Fcn.Generator.{version}.nupkg");
        using (System.IO.Compression.ZipArchive package = System.IO.Compression.ZipFile.OpenRead(generatorPackage))
            Assert.NotNull(package.GetEntry("docs/spec.md"));

        WriteConsumer(consumer, feed);
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

    private void WriteConsumer(string directory, string feed)
    {
        ConsumerProject.Write(directory, $"""
                <PackageReference Include="Fcn.Runtime" Version="{version}" />
                <PackageReference Include="Fcn.Generator" Version="{version}" />
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fcndsl-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (string package in new[] { "fcn.runtime", "fcn.generator" })
            {
                string cached = Path.Combine(cache, package, version);
                if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test in cleanup.
        }
    }
}
