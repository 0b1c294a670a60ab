using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Fcn.Runtime.Weights.Published;

/// <summary>
/// Downloads published weight files into a <see cref="WeightCache"/> the way torch.hub's
/// <c>download_url_to_file</c> does (torch/hub.py: bytes to a temporary file in the cache folder, the
/// SHA-256 checked against the expected digest or file-name prefix, then a move to the final name),
/// and adds what a 200 MB file over a flaky link needs: a cut connection is resumed with an HTTP Range
/// request from the bytes already in <c>NAME.partial</c>, within one pull and across pulls.
/// A file that fails its checksum, and the partial file of a download the server refuses (404...), are
/// deleted: the cache holds only verified files and resumable downloads.
/// </summary>
public sealed class WeightDownloader : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient http;
    private readonly bool ownsClient;
    private readonly WeightDownloadOptions options;

    /// <param name="options">Mirror, attempts and stall timeout; <see cref="WeightDownloadOptions.Default"/> when null.</param>
    /// <param name="client">The client to send requests with (the caller keeps owning it), or null for a new one.</param>
    public WeightDownloader(WeightDownloadOptions? options = null, HttpClient? client = null)
    {
        this.options = options ?? WeightDownloadOptions.Default;
        if (this.options.Attempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "At least one attempt is needed.");
        ownsClient = client is null;
        // Timeouts are per read (the stall timeout), not for the whole file: a large file on a slow link is fine.
        http = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The address <paramref name="file"/> is downloaded from: its URL, or the mirror's copy by file name.</summary>
    public Uri SourceOf(FcnWeightFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (options.Mirror is not { } mirror) return new Uri(file.Url);
        string folder = mirror.AbsoluteUri.EndsWith('/') ? mirror.AbsoluteUri : mirror.AbsoluteUri + "/";
        return new Uri(new Uri(folder), Uri.EscapeDataString(file.FileName));
    }

    /// <summary>The synchronous form of <see cref="PullAsync"/>.</summary>
    public string Pull(FcnWeightFileInfo file, WeightCache cache, IProgress<DownloadProgress>? progress = null, CancellationToken cancellation = default) =>
        PullAsync(file, cache, progress, cancellation).GetAwaiter().GetResult();

    /// <summary>
    /// The verified file's path in <paramref name="cache"/>, downloading it first unless it is there already
    /// (a file under its final name was verified when it was stored, so it is not hashed again).
    /// </summary>
    /// <exception cref="WeightDownloadException">The server refused the file, the connection failed every attempt, or the checksum did not match.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; the partial file is kept for a resume.</exception>
    public async Task<string> PullAsync(FcnWeightFileInfo file, WeightCache cache, IProgress<DownloadProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(cache);
        string target = cache.PathOf(file);
        if (File.Exists(target)) return target;

        Directory.CreateDirectory(cache.Directory);
        string partial = cache.PartialPathOf(file);
        Uri url = SourceOf(file);
        await DownloadAsync(file, url, partial, progress, cancellation).ConfigureAwait(false);
        await VerifyAsync(file, url, partial, cancellation).ConfigureAwait(false);
        // Same folder, so a rename: the final name appears only with the whole, verified content.
        File.Move(partial, target, overwrite: true);
        return target;
    }

    private async Task DownloadAsync(FcnWeightFileInfo file, Uri url, string partial, IProgress<DownloadProgress>? progress, CancellationToken cancellation)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await AttemptAsync(file, url, partial, progress, cancellation).ConfigureAwait(false);
                return;
            }
            catch (ConnectionCutException) when (attempt < options.Attempts)
            {
                // The next request resumes from what is on disk.
            }
            catch (ConnectionCutException cut)
            {
                long kept = File.Exists(partial) ? new FileInfo(partial).Length : 0;
                throw new WeightDownloadException(file, url,
                    $"{file.FileName}: the download from {url} broke off {options.Attempts} times ({cut.Message}). The {kept:N0} bytes received are kept in {partial}: run the pull again to resume from them.",
                    partialKept: kept > 0, cut.InnerException);
            }
        }
    }

    /// <summary>One request: from the start, or from the partial file's end with a Range header.</summary>
    private async Task AttemptAsync(FcnWeightFileInfo file, Uri url, string partial, IProgress<DownloadProgress>? progress, CancellationToken cancellation)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        stall.CancelAfter(options.Stall);
        FileStream output = OpenPartial(file, url, partial);
        bool deletePartial = false;
        bool complete = false;
        try
        {
            long start = output.Length;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd("FcnDsl");
            if (start > 0) request.Headers.Range = new RangeHeaderValue(start, null);

            using HttpResponseMessage response = await SendAsync(file, url, request, start, stall, cancellation).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && start > 0)
            {
                // The partial file is no prefix of what the server has now (as long as the file, or longer): start over.
                output.SetLength(0);
                throw new ConnectionCutException("the server could not resume from byte " + start.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), null);
            }
            if (!response.IsSuccessStatusCode)
            {
                // A refusal (404, 403...) makes the bytes so far worthless; a server error may pass, so they stay for a resume.
                deletePartial = (int)response.StatusCode < 500 || start == 0;
                throw new WeightDownloadException(file, url, $"{file.FileName}: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}. {Advice(response.StatusCode)}",
                    partialKept: !deletePartial);
            }

            long offset = start;
            if (start > 0 && (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange?.From != start))
            {
                // The server ignored the Range header and sends the whole file: take it from the beginning.
                output.SetLength(0);
                offset = 0;
            }
            output.Seek(offset, SeekOrigin.Begin);
            long resumedAt = offset;
            long? total = response.Content.Headers.ContentLength is long length ? offset + length : response.Content.Headers.ContentRange?.Length;
            progress?.Report(new DownloadProgress(file, offset, total, resumedAt));

            Stream body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] buffer = new byte[BufferSize];
                while (true)
                {
                    stall.CancelAfter(options.Stall);
                    int read = await ReadAsync(body, buffer, stall, cancellation).ConfigureAwait(false);
                    if (read == 0) break;
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
                    offset += read;
                    progress?.Report(new DownloadProgress(file, offset, total, resumedAt));
                }
            }
            await output.FlushAsync(cancellation).ConfigureAwait(false);
            // On the disk before the rename makes it final, as AtomicFile does for checkpoints.
            output.Flush(flushToDisk: true);
            if (total is long expected && offset != expected)
                throw new ConnectionCutException($"the server sent {offset:N0} of {expected:N0} bytes", null);
            complete = true;
        }
        finally
        {
            // An attempt that failed before any byte arrived leaves no empty partial file behind.
            bool empty = output.Length == 0;
            await output.DisposeAsync().ConfigureAwait(false);
            if (deletePartial || (empty && !complete)) File.Delete(partial);
        }
    }

    private static FileStream OpenPartial(FcnWeightFileInfo file, Uri url, string partial)
    {
        try
        {
            // Exclusive: a second pull of the same file at the same time fails here instead of interleaving bytes.
            return new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync: true);
        }
        catch (IOException exception) when (File.Exists(partial))
        {
            throw new WeightDownloadException(file, url, $"{file.FileName}: {partial} is in use, probably by another pull of the same file; wait for it to finish.", partialKept: true, exception);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(FcnWeightFileInfo file, Uri url, HttpRequestMessage request, long start, CancellationTokenSource stall, CancellationToken cancellation)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellation.IsCancellationRequested)
        {
            throw new ConnectionCutException($"no answer within {options.Stall.TotalSeconds:0} s", exception);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.ResponseEnded)
        {
            throw new ConnectionCutException("the connection closed before the answer", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new WeightDownloadException(file, url,
                $"{file.FileName}: could not reach {url.Host} ({exception.Message}). Check the network; a machine that cannot reach it can use a mirror that serves the same file names ({WeightDownloadOptions.MirrorVariable}).",
                partialKept: start > 0, exception);
        }
    }

    private async Task<int> ReadAsync(Stream body, byte[] buffer, CancellationTokenSource stall, CancellationToken cancellation)
    {
        try
        {
            return await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellation.IsCancellationRequested)
        {
            throw new ConnectionCutException($"nothing received for {options.Stall.TotalSeconds:0} s", exception);
        }
        catch (IOException exception)
        {
            // HttpIOException (the body ended before Content-Length) and socket resets alike.
            throw new ConnectionCutException(exception.Message, exception);
        }
    }

    private static async Task VerifyAsync(FcnWeightFileInfo file, Uri url, string partial, CancellationToken cancellation)
    {
        string digest;
        await using (var stream = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
            digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation).ConfigureAwait(false));
        if (file.IsMatchedBy(digest)) return;
        File.Delete(partial);
        throw new WeightDownloadException(file, url,
            $"{file.FileName}: the file downloaded from {url} has SHA-256 {digest}, but it should be {file.ExpectedDigest}. It was deleted; nothing was kept. "
            + "Pull again (the transfer may have been corrupted); if it fails the same way, the server has another file than the spec names: check its 'url:' and 'sha256:'.",
            partialKept: false);
    }

    private static string Advice(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => "The file is not there: check the 'url:' of the spec's weights entry (or the mirror, if one is set).",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "The server refuses it: the file may have moved, or need credentials this tool does not send.",
        _ when (int)status >= 500 => "The server failed: try again later.",
        _ => "Check the 'url:' of the spec's weights entry.",
    };

    public void Dispose()
    {
        if (ownsClient) http.Dispose();
    }

    /// <summary>The connection broke off or stalled: worth another attempt that resumes.</summary>
    private sealed class ConnectionCutException : Exception
    {
        public ConnectionCutException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }
    }
}
