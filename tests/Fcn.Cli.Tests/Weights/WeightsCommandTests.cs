using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Fcn.Cli.Tests.Support;
using Fcn.Runtime.Tests.Weights.Published;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Cli.Tests.Weights;

/// <summary>
/// <c>fcn weights pull</c> and <c>list</c> against a loopback server: a spec of one's own names a file on
/// 127.0.0.1 (the example specs keep their real URLs; built-in models are redirected with <c>--mirror</c>).
/// Every test passes <c>--cache</c>, so nothing touches the user's cache.
/// </summary>
public sealed class WeightsCommandTests : IDisposable
{
    private static readonly byte[] Content = MakeContent();

    private readonly TempFolder folder = new();

    private string Cache => Path.Combine(folder.Path, "cache");

    public void Dispose() => folder.Dispose();

    private static byte[] MakeContent()
    {
        var bytes = new byte[200_000];
        new Random(5).NextBytes(bytes);
        return bytes;
    }

    /// <summary><see cref="SmallSpecs.Small"/> publishing one file at <paramref name="url"/> with the SHA-256 of <see cref="Content"/>.</summary>
    private string SpecPublishing(Uri url) => folder.Write("small.fcn.yaml", SmallSpecs.Small + $"""

        weights:
          - {"{"} name: trained, url: "{url}", sha256: {Convert.ToHexStringLower(SHA256.HashData(Content))} {"}"}

        """);

    private string[] CachedFiles() => Directory.Exists(Cache) ? Directory.GetFiles(Cache).Select(file => Path.GetFileName(file)).ToArray() : Array.Empty<string>();

    [Fact]
    public void Pull_downloads_a_specs_file_into_the_cache_and_prints_its_path()
    {
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { ["/w/small.pth"] = Content });
        string spec = SpecPublishing(server.UrlOf("/w/small.pth"));

        CliResult result = Tool.Run("weights", "pull", spec, "--cache", Cache);

        Assert.Equal(0, result.ExitCode);
        string path = Path.Combine(Cache, "small.pth");
        Assert.Equal(path + "\n", result.Out);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(new[] { $"fcn: downloading small.pth from {server.UrlOf("/w/small.pth")}", $"fcn: small.pth: 200,000 bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(Content))} verified" }, result.ErrorLines);

        // Pulled already: the path again, without a request.
        Assert.Equal(path + "\n", Tool.Run("weights", "pull", spec, "--cache", Cache).Out);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Pull_resumes_after_a_cut_connection_and_says_so()
    {
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { ["/w/small.pth"] = Content }, cutAfter: 50_000);

        CliResult result = Tool.Run("weights", "pull", SpecPublishing(server.UrlOf("/w/small.pth")), "--cache", Cache);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fcn: small.pth: resuming at byte 50,000 (HTTP Range)", result.ErrorLines);
        Assert.Equal(Content, File.ReadAllBytes(Path.Combine(Cache, "small.pth")));
        Assert.Equal(new[] { "GET /w/small.pth", "GET /w/small.pth bytes=50000-" }, server.Requests);
    }

    [Fact]
    public void A_built_in_models_file_from_a_mirror_that_serves_other_bytes_fails_its_checksum_and_leaves_nothing()
    {
        // torchvision's fcn_resnet50_coco-1167a1af.pth: these random bytes do not hash to 1167a1af...
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { ["/mirror/fcn_resnet50_coco-1167a1af.pth"] = Content });

        CliResult result = Tool.Run("weights", "pull", "FcnResNet50", "--name", "coco_voc", "--mirror", server.UrlOf("/mirror/").AbsoluteUri, "--cache", Cache);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains($"fcn: fcn_resnet50_coco-1167a1af.pth: the file downloaded from {server.UrlOf("/mirror/fcn_resnet50_coco-1167a1af.pth")} has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(Content))}, but it should be 1167a1af...", result.Error);
        Assert.Empty(CachedFiles());
    }

    [Fact]
    public void A_404_is_one_clear_line_and_leaves_nothing()
    {
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]>());

        CliResult result = Tool.Run("weights", "pull", SpecPublishing(server.UrlOf("/w/small.pth")), "--cache", Cache);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"fcn: small.pth: {server.UrlOf("/w/small.pth")} answered 404 Not Found. The file is not there: check the 'url:' of the spec's weights entry (or the mirror, if one is set).", result.ErrorLines[^1]);
        Assert.Empty(CachedFiles());
    }

    [Fact]
    public void List_shows_what_an_example_inherits_and_whether_it_is_cached()
    {
        CliResult result = Tool.Run("weights", "list", ExampleSpecs.PathOf("fcn16s.fcn.yaml"), "--cache", Cache);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Fcn16s: published weights", result.Out);
        Assert.Contains("│ imagenet │ backbone │ vgg16-397923af.pth │ 397923af... │ https://download.pytorch.org/models/vgg16-397923af.pth │ no     │", result.Out);
    }

    [Fact]
    public void A_model_without_weights_and_an_unknown_name_are_clear_errors()
    {
        CliResult none = Tool.Run("weights", "pull", "TinyFcn8s", "--cache", Cache);
        Assert.Equal(1, none.ExitCode);
        Assert.Equal("fcn: TinyFcn8s names no published weights: its spec has no 'weights:' (see docs/spec.md, 'weights').", Assert.Single(none.ErrorLines));

        CliResult unknown = Tool.Run("weights", "pull", "FcnResNet101", "--name", "voc", "--cache", Cache);
        Assert.Equal("fcn: --name voc: FcnResNet101 publishes no weights named 'voc'; it publishes coco_voc, imagenet.", Assert.Single(unknown.ErrorLines));

        CliResult model = Tool.Run("weights", "pull", "Fcn4s", "--cache", Cache);
        Assert.StartsWith("fcn: 'Fcn4s' is neither a built-in model (TinyFcn8s, ", Assert.Single(model.ErrorLines));
    }
}
