using System;
using System.IO;
using System.Text;
using Xunit;

namespace Fcn.Packaging.Tests;

/// <summary>
/// The product packed once into a local folder feed, for every test that consumes the packages (a project
/// after <c>dotnet add package</c>, a notebook after <c>#r "nuget: ..."</c>). Each run packs under a
/// version no other run uses, so the NuGet cache never serves a stale package; the cache's copies of that
/// version are removed afterwards.
/// </summary>
public sealed class LocalPackageFeed : IDisposable
{
    private static readonly string[] PackedProjects = { "Fcn.Imaging", "Fcn.Generator", "Fcn.Runtime" };
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "fcndsl-feed-" + Guid.NewGuid().ToString("N"));
    private readonly string? failure;

    public LocalPackageFeed()
    {
        string sources = Path.Combine(workspace, "src");
        Feed = Path.Combine(workspace, "feed");
        ProductSources.CopyTo(sources);
        StringBuilder log = new();
        foreach (string project in PackedProjects)
        {
            DotnetCli.Result pack = DotnetCli.Run(sources, "pack", Path.Combine(project, project + ".csproj"),
                "-c", "Release", "-o", Feed, "-p:Version=" + Version);
            log.AppendLine(pack.Output);
            if (pack.ExitCode != 0)
            {
                failure = $"dotnet pack {project} failed: {pack}";
                break;
            }
        }
        PackOutput = log.ToString();
    }

    /// <summary>The folder the packages are in (a NuGet source).</summary>
    public string Feed { get; }

    /// <summary>The packages' version, unique to this run.</summary>
    public string Version { get; } = "0.0.0-pack." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>Fails the calling test when packing failed, with pack's output.</summary>
    public void AssertPacked() => Assert.True(failure is null, failure);

    /// <summary>A fresh folder for one test's files, inside this feed's workspace (removed with it).</summary>
    public string NewFolder(string name)
    {
        string folder = Path.Combine(workspace, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Writes a nuget.config in <paramref name="directory"/> that adds this feed as a package source (as a user would).</summary>
    public void WriteNuGetConfig(string directory) =>
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fcndsl-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (string project in PackedProjects)
            {
                string cached = Path.Combine(cache, project.ToLowerInvariant(), Version);
                if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test in cleanup.
        }
    }
}

/// <summary>The tests that share one <see cref="LocalPackageFeed"/> (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class LocalPackageFeedCollection : ICollectionFixture<LocalPackageFeed>
{
    public const string Name = "local package feed";
}
