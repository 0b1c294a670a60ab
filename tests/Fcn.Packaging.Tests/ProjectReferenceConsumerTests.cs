using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Fcn.Packaging.Tests;

/// <summary>
/// The README's way to try unreleased code: a project outside the repository that references
/// Fcn.Runtime.csproj and the generator by ProjectReference, with no Import of the runtime's build
/// targets, so nothing fixes libLibTorchSharp.so in its output. It must still run a forward pass on
/// Debian 12 / Ubuntu 22.04 (libstdc++ without GLIBCXX_3.4.32): Fcn.Runtime's load-time fallback writes a
/// patched copy to the per-user cache (here a private one, FCN_NATIVE_CACHE) and loads that instead.
/// Where libstdc++ has the version, the library loads as shipped and the cache stays empty.
/// </summary>
public sealed class ProjectReferenceConsumerTests : IDisposable
{
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private readonly ITestOutputHelper output;
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "fcndsl-projref-" + Guid.NewGuid().ToString("N"));

    public ProjectReferenceConsumerTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void A_project_referencing_the_sources_without_the_build_targets_runs_a_forward_pass()
    {
        string sources = Path.Combine(workspace, "src");
        string consumer = Path.Combine(workspace, "consumer");
        string cache = Path.Combine(workspace, "native-cache");
        ProductSources.CopyTo(sources);
        ConsumerProject.Write(consumer, """
                <ProjectReference Include="../src/Fcn.Runtime/Fcn.Runtime.csproj" />
                <ProjectReference Include="../src/Fcn.Generator/Fcn.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <!-- The generator package's props (the **/*.fcn.yaml glob) do not come with a ProjectReference. -->
                <AdditionalFiles Include="Models/*.fcn.yaml" />
            """);

        DotnetCli.Result run = DotnetCli.Run(consumer, new Dictionary<string, string> { ["FCN_NATIVE_CACHE"] = cache },
            "run", "--", "45", "61");
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"the consumer failed to build or run: {run}");
        Assert.Contains(ConsumerProject.ExpectedOutput, run.Output);
        Assert.Contains("spec MyFcn", run.Output);

        // The build left the shipped library as it was (no targets ran), so whatever loaded it was the runtime.
        string built = Directory.GetFiles(Path.Combine(consumer, "bin"), "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
        Assert.True(Contains(built, MissingVersion), "the test expects TorchSharp's library to ask for " + MissingVersion);
        string[] copies = Directory.Exists(cache) ? Directory.GetFiles(cache, "libLibTorchSharp.so", SearchOption.AllDirectories) : Array.Empty<string>();
        if (SystemLibStdCxxProvides(MissingVersion))
            Assert.Empty(copies);
        else
            Assert.Single(copies);
    }

    private static bool SystemLibStdCxxProvides(string version) =>
        new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" }
            .Where(File.Exists).Take(1).Any(path => Contains(path, version));

    private static bool Contains(string path, string text)
    {
        byte[] needle = Encoding.ASCII.GetBytes(text + "\0");
        byte[] haystack = File.ReadAllBytes(path);
        return Enumerable.Range(0, haystack.Length - needle.Length + 1)
            .Any(i => haystack[i] == needle[0] && haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test in cleanup.
        }
    }
}
