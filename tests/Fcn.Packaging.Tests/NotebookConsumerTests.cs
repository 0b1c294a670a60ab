using System;
using System.IO;
using Xunit;
using Xunit.Abstractions;

namespace Fcn.Packaging.Tests;

/// <summary>
/// A notebook user's first cells: a .NET Interactive C# kernel (the engine behind Polyglot Notebooks and
/// the Jupyter kernel) loads the packed Fcn.Runtime with <c>#r "nuget: ..."</c> and then calls TorchSharp
/// before any Fcn.Runtime type, then Fcn.Runtime. Such a host loads TorchSharp.dll straight from the NuGet
/// cache, with no deps.json pointing at libtorch, so neither the build targets nor an app's probing help:
/// on Debian 12 TorchSharp's own loader fails (GLIBCXX_3.4.32), or, with Debian's python3-torch installed,
/// picks up the system's PyTorch 1.13 libtorch. The package's notebook extension (extension.dib) prepares the
/// natives when the package loads, with no step of the user's.
/// </summary>
[Collection(LocalPackageFeedCollection.Name)]
public sealed class NotebookConsumerTests
{
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(6);
    private readonly LocalPackageFeed packages;
    private readonly ITestOutputHelper output;

    public NotebookConsumerTests(LocalPackageFeed packages, ITestOutputHelper output)
    {
        this.packages = packages;
        this.output = output;
    }

    [Fact]
    public void A_notebook_that_loads_the_package_runs_TorchSharp_and_the_runtime_with_no_setup_call()
    {
        packages.AssertPacked();
        string notebook = packages.NewFolder("notebook");
        var (started, install) = NotebookKernel.Start(notebook);
        output.WriteLine(install);
        Assert.True(started is not null, "dotnet tool install Microsoft.dotnet-interactive failed:\n" + install);
        using NotebookKernel kernel = started!;

        NotebookKernel.CellResult load = kernel.Submit(
            $"#i \"nuget: {packages.Feed}\"\n#r \"nuget: Fcn.Runtime, {packages.Version}\"", CellTimeout);
        output.WriteLine("load: " + load);
        Assert.True(load.Succeeded, "loading the package failed: " + load);

        // TorchSharp first, as a notebook's first cell after the references usually is: 2x3 ones sum to 6.
        NotebookKernel.CellResult torch = kernel.Submit(
            "Console.WriteLine(\"sum \" + TorchSharp.torch.ones(2, 3).sum().item<float>());", CellTimeout);
        output.WriteLine("torch: " + torch);
        Assert.True(torch.Succeeded, "the first TorchSharp call failed: " + torch);
        Assert.Contains("sum 6", torch.Output);

        // Then Fcn.Runtime on a tensor: FCN's crop of a 3x3 window at offset 1 from a 1x1x5x7 map numbered
        // 0..34 row by row starts at row 1, column 1, so its first element is 1*7+1 = 8.
        NotebookKernel.CellResult runtime = kernel.Submit("""
            using TorchSharp;
            var map = torch.arange(35f).reshape(1, 1, 5, 7);
            var like = torch.zeros(1, 1, 3, 3);
            var cropped = Fcn.Runtime.Layers.Crop.Like(map, like, offset: 1);
            Console.WriteLine("crop " + string.Join("x", cropped.shape) + " first " + cropped[0, 0, 0, 0].item<float>());
            """, CellTimeout);
        output.WriteLine("runtime: " + runtime);
        Assert.True(runtime.Succeeded, "the Fcn.Runtime call failed: " + runtime);
        Assert.Contains("crop 1x1x3x3 first 8", runtime.Output);
    }
}
