using System;
using System.Globalization;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime;
using Fcn.Runtime.Weights.Published;
using Spectre.Console;

namespace Fcn.Cli.Weights;

/// <summary>
/// Fetches one published file into the cache with the runtime's <see cref="WeightDownloader"/>, showing
/// progress: a live bar where a person watches, else a line when a download starts, resumes and ends
/// (on the error stream, so the output stays the list of paths).
/// </summary>
internal static class PublishedWeightsFetcher
{
    /// <summary>The verified file's path; downloads it first unless it is in the cache.</summary>
    /// <exception cref="WeightDownloadException">The download failed; its message says why and what to do.</exception>
    public static string Fetch(FcnWeightFileInfo file, WeightCache cache, WeightDownloadOptions options, Terminal terminal)
    {
        if (cache.Find(file) is { } cached) return cached;
        using var downloader = new WeightDownloader(options);
        Uri source = downloader.SourceOf(file);
        if (terminal.Console.Profile.Capabilities.Interactive)
            return WithBar(downloader, file, cache, source, terminal);

        terminal.Error.WriteLine($"fcn: downloading {file.FileName} from {source}");
        var lines = new ProgressLines(terminal);
        string path = downloader.Pull(file, cache, lines);
        terminal.Error.WriteLine($"fcn: {file.FileName}: {Bytes(lines.Received)}, SHA-256 {file.ExpectedDigest} verified");
        return path;
    }

    private static string WithBar(WeightDownloader downloader, FcnWeightFileInfo file, WeightCache cache, Uri source, Terminal terminal)
    {
        string path = "";
        terminal.Console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(file.FileName), maxValue: 1);
                path = downloader.Pull(file, cache, new Bar(task));
            });
        terminal.Out.WriteLine($"{file.FileName}: from {source}, SHA-256 {file.ExpectedDigest} verified");
        return path;
    }

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>One line per request that resumes (after a cut, or from an earlier pull's partial file); the byte count for the final line.</summary>
    private sealed class ProgressLines : IProgress<DownloadProgress>
    {
        private readonly Terminal terminal;
        private long lastResume;

        public ProgressLines(Terminal terminal) => this.terminal = terminal;

        public long Received { get; private set; }

        public void Report(DownloadProgress value)
        {
            Received = value.Received;
            if (value.ResumedAt <= 0 || value.ResumedAt == lastResume) return;
            lastResume = value.ResumedAt;
            terminal.Error.WriteLine($"fcn: {value.File.FileName}: resuming at byte {value.ResumedAt.ToString("N0", CultureInfo.InvariantCulture)} (HTTP Range)");
        }
    }

    private sealed class Bar : IProgress<DownloadProgress>
    {
        private readonly ProgressTask task;

        public Bar(ProgressTask task) => this.task = task;

        public void Report(DownloadProgress value)
        {
            if (value.Total is long total) task.MaxValue = total;
            task.Value = value.Received;
        }
    }
}
