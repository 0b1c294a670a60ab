using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Fcn.Runtime.Weights.Published;
using Xunit;

namespace Fcn.Runtime.Tests.Weights.Published;

/// <summary>
/// Downloads from a loopback server (nothing else is reachable here): success with progress, a cut
/// connection resumed with a Range request (within one pull and by the next pull), a wrong checksum and a
/// 404, each leaving the cache with only verified files.
/// </summary>
public sealed class WeightDownloaderTests : IDisposable
{
    private const string Path = "/models/net.pth";

    // 300,000 bytes from a seeded generator: several reads, and a cut well inside the body.
    private static readonly byte[] Content = MakeContent(300_000);

    private readonly string cacheFolder = Directory.CreateTempSubdirectory("fcn-weights-").FullName;

    private WeightCache Cache => new(cacheFolder);

    public void Dispose() => Directory.Delete(cacheFolder, recursive: true);

    private static byte[] MakeContent(int length)
    {
        var bytes = new byte[length];
        new Random(12).NextBytes(bytes);
        return bytes;
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static FcnWeightFileInfo FileAt(Uri url, string? sha256 = null, string? prefix = null) =>
        new("trained", FcnWeightFilePurpose.Model, url.AbsoluteUri, url.Segments[^1], sha256 ?? (prefix is null ? Sha256Of(Content) : null), prefix);

    private static LoopbackFileServer Serve(int? cutAfter = null) => new(new Dictionary<string, byte[]> { [Path] = Content }, cutAfter);

    private string[] CacheFiles() => Directory.GetFiles(cacheFolder).Select(System.IO.Path.GetFileName).ToArray()!;

    [Fact]
    public void Pull_stores_the_verified_file_under_its_name_and_reports_progress_up_to_its_size()
    {
        using var server = Serve();
        using var downloader = new WeightDownloader();
        var progress = new Recorder();

        string path = downloader.Pull(FileAt(server.UrlOf(Path)), Cache, progress);

        Assert.Equal(System.IO.Path.Combine(cacheFolder, "net.pth"), path);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(new[] { "net.pth" }, CacheFiles());
        Assert.Equal(new[] { "GET /models/net.pth" }, server.Requests);
        Assert.Equal(0, progress.Reports[0].Received);
        Assert.All(progress.Reports, report => Assert.Equal(Content.Length, report.Total));
        Assert.Equal(Content.Length, progress.Reports[^1].Received);
        Assert.True(progress.Reports.Count > 2, "progress reported per read, not only at the ends");
        Assert.Equal(progress.Reports.Select(r => r.Received).OrderBy(n => n), progress.Reports.Select(r => r.Received));
    }

    [Fact]
    public void A_file_name_prefix_is_checked_as_torch_hub_does()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad.
        byte[] abc = "abc"u8.ToArray();
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { ["/abc-ba7816bf.bin"] = abc, ["/abc-ba7816bd.bin"] = abc });
        using var downloader = new WeightDownloader();

        string path = downloader.Pull(FileAt(server.UrlOf("/abc-ba7816bf.bin"), prefix: "ba7816bf"), Cache);
        Assert.Equal(abc, File.ReadAllBytes(path));

        var wrong = Assert.Throws<WeightDownloadException>(() => downloader.Pull(FileAt(server.UrlOf("/abc-ba7816bd.bin"), prefix: "ba7816bd"), Cache));
        Assert.Contains("has SHA-256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, but it should be ba7816bd...", wrong.Message);
    }

    [Fact]
    public void A_connection_cut_mid_body_is_resumed_with_a_range_request_in_the_same_pull()
    {
        using var server = Serve(cutAfter: 100_000);
        using var downloader = new WeightDownloader();
        var progress = new Recorder();

        string path = downloader.Pull(FileAt(server.UrlOf(Path)), Cache, progress);

        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(new[] { "GET /models/net.pth", "GET /models/net.pth bytes=100000-" }, server.Requests);
        Assert.Equal(new[] { "net.pth" }, CacheFiles());
        Assert.Contains(progress.Reports, report => report.ResumedAt == 100_000 && report.Received == 100_000);
        Assert.Equal(Content.Length, progress.Reports[^1].Received);
    }

    [Fact]
    public void A_pull_that_runs_out_of_attempts_keeps_the_partial_file_and_the_next_pull_resumes()
    {
        using var server = Serve(cutAfter: 100_000);
        FcnWeightFileInfo file = FileAt(server.UrlOf(Path));

        using (var once = new WeightDownloader(new WeightDownloadOptions(Attempts: 1)))
        {
            var cut = Assert.Throws<WeightDownloadException>(() => once.Pull(file, Cache));
            Assert.True(cut.PartialKept);
            Assert.Contains("The 100,000 bytes received are kept in", cut.Message);
            Assert.Contains("run the pull again to resume", cut.Message);
        }
        Assert.Equal(new[] { "net.pth.partial" }, CacheFiles());
        Assert.Equal(100_000, new FileInfo(Cache.PartialPathOf(file)).Length);

        using (var again = new WeightDownloader(new WeightDownloadOptions(Attempts: 1)))
            Assert.Equal(Content, File.ReadAllBytes(again.Pull(file, Cache)));
        Assert.Equal(new[] { "GET /models/net.pth", "GET /models/net.pth bytes=100000-" }, server.Requests);
        Assert.Equal(new[] { "net.pth" }, CacheFiles());
    }

    [Fact]
    public void A_wrong_checksum_is_a_clear_error_and_leaves_nothing_in_the_cache()
    {
        using var server = Serve();
        using var downloader = new WeightDownloader();
        string expected = Sha256Of(MakeContent(10));

        var error = Assert.Throws<WeightDownloadException>(() => downloader.Pull(FileAt(server.UrlOf(Path), sha256: expected), Cache));

        Assert.Contains($"net.pth: the file downloaded from {server.UrlOf(Path)} has SHA-256 {Sha256Of(Content)}, but it should be {expected}", error.Message);
        Assert.Contains("nothing was kept", error.Message);
        Assert.False(error.PartialKept);
        Assert.Empty(CacheFiles());
    }

    [Fact]
    public void A_404_is_a_clear_error_and_removes_even_an_earlier_partial_file()
    {
        using var server = Serve();
        using var downloader = new WeightDownloader();
        FcnWeightFileInfo missing = FileAt(server.UrlOf("/models/gone.pth"));

        var fresh = Assert.Throws<WeightDownloadException>(() => downloader.Pull(missing, Cache));
        Assert.Contains($"gone.pth: {server.UrlOf("/models/gone.pth")} answered 404 Not Found. The file is not there: check the 'url:'", fresh.Message);
        Assert.Empty(CacheFiles());

        File.WriteAllBytes(Cache.PartialPathOf(missing), new byte[10]);
        Assert.Throws<WeightDownloadException>(() => downloader.Pull(missing, Cache));
        Assert.Equal(new[] { "GET /models/gone.pth", "GET /models/gone.pth bytes=10-" }, server.Requests);
        Assert.Empty(CacheFiles());
    }

    [Fact]
    public void A_file_already_in_the_cache_is_not_downloaded_again()
    {
        using var server = Serve();
        using var downloader = new WeightDownloader();
        FcnWeightFileInfo file = FileAt(server.UrlOf(Path));
        File.WriteAllBytes(Cache.PathOf(file), Content);

        Assert.Equal(Cache.PathOf(file), downloader.Pull(file, Cache));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void A_mirror_serves_the_file_by_name_and_the_published_checksum_still_applies()
    {
        using var server = new LoopbackFileServer(new Dictionary<string, byte[]> { ["/mirror/net.pth"] = Content });
        using var downloader = new WeightDownloader(new WeightDownloadOptions(Mirror: server.UrlOf("/mirror")));
        FcnWeightFileInfo published = FileAt(new Uri("https://download.example.invalid/models/net.pth"));

        Assert.Equal(server.UrlOf("/mirror/net.pth"), downloader.SourceOf(published));
        Assert.Equal(Content, File.ReadAllBytes(downloader.Pull(published, Cache)));
        Assert.Equal(new[] { "GET /mirror/net.pth" }, server.Requests);
    }

    [Fact]
    public void An_unreachable_server_is_a_clear_error()
    {
        // A port that was free a moment ago: nothing listens there, so the connection is refused at once.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var downloader = new WeightDownloader();

        var error = Assert.Throws<WeightDownloadException>(() => downloader.Pull(FileAt(new Uri($"http://127.0.0.1:{port}/net.pth")), Cache));
        Assert.Contains("could not reach 127.0.0.1", error.Message);
        Assert.Contains(WeightDownloadOptions.MirrorVariable, error.Message);
        Assert.Empty(CacheFiles());
    }

    /// <summary>Records reports as they happen (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
    private sealed class Recorder : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = new();

        public void Report(DownloadProgress value) => Reports.Add(value);
    }
}
