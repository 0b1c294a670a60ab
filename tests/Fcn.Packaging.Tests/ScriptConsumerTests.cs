using System.IO;
using Xunit;
using Xunit.Abstractions;

namespace Fcn.Packaging.Tests;

/// <summary>
/// A .NET 10 file-based script (<c>dotnet run app.cs</c>) that takes Fcn.Runtime from a feed with
/// <c>#:package</c> and whose first statement is a TorchSharp call: the script builds like a project, so the
/// package's buildTransitive targets fix libLibTorchSharp.so in its output and no setup call is needed on
/// Debian 12. (A script that takes the sources with <c>#:project</c> gets no targets and no module initializer
/// before its first TorchSharp call; the README tells it to call <c>TorchSharpNatives.Prepare()</c> first.)
/// </summary>
[Collection(LocalPackageFeedCollection.Name)]
public sealed class ScriptConsumerTests
{
    private readonly LocalPackageFeed packages;
    private readonly ITestOutputHelper output;

    public ScriptConsumerTests(LocalPackageFeed packages, ITestOutputHelper output)
    {
        this.packages = packages;
        this.output = output;
    }

    [Fact]
    public void A_file_based_script_referencing_the_package_calls_TorchSharp_first_with_no_setup_call()
    {
        packages.AssertPacked();
        string script = packages.NewFolder("script");
        packages.WriteNuGetConfig(script);
        // 2x3 ones sum to 6.
        File.WriteAllText(Path.Combine(script, "app.cs"), $"""
            #:package Fcn.Runtime@{packages.Version}
            using TorchSharp;
            Console.WriteLine("sum " + torch.ones(2, 3).sum().item<float>());
            """);

        DotnetCli.Result run = DotnetCli.Run(script, "run", "app.cs");
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"the script failed to build or run: {run}");
        Assert.Contains("sum 6", run.Output);
    }
}
