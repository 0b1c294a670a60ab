using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Fcn.Runtime.Tests.Weights.Published;

/// <summary>
/// A tiny HTTP/1.1 file server on 127.0.0.1 (a free port), for download tests on machines that reach
/// nothing else: GET of a known path answers 200 with Content-Length, or 206 for <c>Range: bytes=N-</c>;
/// an unknown path answers 404. <see cref="CutAfter"/> makes the first full-file answer stop after that
/// many body bytes and close the connection, as a dropped link does. One connection at a time, each
/// closed after its answer; it stops when disposed, and by itself after <see cref="Lifetime"/>.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new(Lifetime);
    private readonly IReadOnlyDictionary<string, byte[]> files;
    private readonly Task serving;
    private int cutsLeft;

    /// <param name="files">URL path (<c>/models/net-0123abcd.pth</c>) to content.</param>
    /// <param name="cutAfter">Body bytes after which the first 200 answer is cut off, or null for none.</param>
    public LoopbackFileServer(IReadOnlyDictionary<string, byte[]> files, int? cutAfter = null)
    {
        this.files = files;
        CutAfter = cutAfter;
        cutsLeft = cutAfter is null ? 0 : 1;
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int? CutAfter { get; }

    /// <summary>Each request as "GET /path" plus " bytes=N-" when it carried a Range header, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public Uri UrlOf(string path) => new(BaseUrl, path.TrimStart('/'));

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            using (client)
            {
                try
                {
                    using var perRequest = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    perRequest.CancelAfter(TimeSpan.FromSeconds(10));
                    await AnswerAsync(client.GetStream(), perRequest.Token);
                }
                catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
                {
                    // The client went away; serve the next one.
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, CancellationToken cancellation)
    {
        (string path, long? from) = await ReadRequestAsync(stream, cancellation);
        Requests.Enqueue("GET " + path + (from is long start ? $" bytes={start}-" : ""));
        if (!files.TryGetValue(path, out byte[]? content))
        {
            await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found", cancellation);
            return;
        }

        long offset = from is long requested && requested < content.Length ? requested : 0;
        if (from is long beyond && beyond >= content.Length)
        {
            await WriteAsync(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{content.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", cancellation);
            return;
        }
        string head = offset > 0
            ? $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {offset}-{content.Length - 1}/{content.Length}\r\n"
            : "HTTP/1.1 200 OK\r\n";
        head += string.Create(CultureInfo.InvariantCulture, $"Content-Type: application/octet-stream\r\nContent-Length: {content.Length - offset}\r\nConnection: close\r\n\r\n");
        await WriteAsync(stream, head, cancellation);

        int length = content.Length - (int)offset;
        if (offset == 0 && Interlocked.Exchange(ref cutsLeft, 0) == 1) length = CutAfter!.Value;
        await stream.WriteAsync(content.AsMemory((int)offset, length), cancellation);
        await stream.FlushAsync(cancellation);
    }

    private static async Task<(string Path, long? From)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, cancellation);
            if (read == 0 || received.Length > 16_384) throw new IOException("incomplete request");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        string[] lines = received.ToString().Split("\r\n");
        string path = lines[0].Split(' ')[1];
        long? from = null;
        foreach (string line in lines)
            if (line.StartsWith("Range: bytes=", StringComparison.OrdinalIgnoreCase) && line.EndsWith('-'))
                from = long.Parse(line.AsSpan(13, line.Length - 14), CultureInfo.InvariantCulture);
        return (path, from);
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellation) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellation).AsTask();

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping the listener fails the pending accept; that is the point.
        }
        stop.Dispose();
    }
}
