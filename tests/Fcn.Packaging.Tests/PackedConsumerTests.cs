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
        CopyProductSources(sources);

        foreach (string project in new[] { "Fcn.Imaging", "Fcn.Generator", "Fcn.Runtime" })
        {
            DotnetCli.Result pack = DotnetCli.Run(sources, "pack", Path.Combine(project, project + ".csproj"),
                "-c", "Release", "-o", feed, "-p:Version=" + version);
            output.WriteLine(pack.Output);
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed: {pack}");
        }

        WriteConsumer(consumer, feed);
        DotnetCli.Result run = DotnetCli.Run(consumer, "run", "--", "45", "61");
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"the consumer failed to build or run: {run}");
        Assert.DoesNotContain("CS8785", run.Output);
        Assert.DoesNotContain("warning", run.Output, StringComparison.OrdinalIgnoreCase);
        // Three classes from the spec, overridden to five by the constructor; the final crop restores the input size.
        Assert.Contains("output 1x5x45x61", run.Output);
        Assert.Contains("spec MyFcn", run.Output);
    }

    private static void CopyProductSources(string destination)
    {
        string root = RepositoryLayout.Root;
        Directory.CreateDirectory(destination);
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.Copy(Path.Combine(root, file), Path.Combine(destination, file));
        foreach (string project in new[] { "Fcn.Dsl", "Fcn.Imaging", "Fcn.Generator", "Fcn.Runtime" })
            CopyDirectory(Path.Combine(root, project), Path.Combine(destination, project));
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

    private void WriteConsumer(string directory, string feed)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fcndsl-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>Consumer</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fcn.Runtime" Version="{version}" />
                <PackageReference Include="Fcn.Generator" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        // In a subfolder: the default **/*.fcn.yaml glob finds it, and its class lands in Consumer.Models.
        Directory.CreateDirectory(Path.Combine(directory, "Models"));
        File.WriteAllText(Path.Combine(directory, "Models", "my-fcn.fcn.yaml"), """
            # A two-stage FCN small enough to build and run in a test.
            model: MyFcn
            classes: 3
            backbone:
              layers:
                - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
                - { name: relu1, op: relu }
                - { name: pool1, op: maxpool, kernel: 2, stride: 2, ceil: true }
                - { name: conv2, op: conv, out: 8, kernel: 3, pad: 1 }
                - { name: relu2, op: relu }
            head:
              - { name: score_fr, op: score, from: relu2 }
              - { name: upscore, op: upsample, from: score_fr, factor: 2 }
              - { name: final, op: crop, from: upscore, to: input }
            outputs:
              out: final
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System;
            using System.Linq;
            using TorchSharp;

            int height = int.Parse(args[0]), width = int.Parse(args[1]);
            using var model = new Consumer.Models.MyFcn(classes: 5);
            using var input = torch.zeros(1, 3, height, width);
            using var prediction = model.forward(input);
            Console.WriteLine("spec " + model.Info.Name);
            Console.WriteLine("output " + string.Join("x", prediction.shape.Select(d => d.ToString())));
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
