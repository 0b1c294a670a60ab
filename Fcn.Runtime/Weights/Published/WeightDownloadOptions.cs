using System;

namespace Fcn.Runtime.Weights.Published;

/// <summary>How <see cref="WeightDownloader"/> downloads.</summary>
/// <param name="Mirror">
/// A base URL that serves the same files by name (<c>http://mirror.local/models/</c>): the file is fetched
/// from <c>Mirror + FileName</c> instead of its published URL, for machines that reach only a local copy.
/// The checksum is the published one either way.
/// </param>
/// <param name="Attempts">Requests per pull: after a cut connection the next one resumes with an HTTP Range request.</param>
/// <param name="StallTimeout">How long a request may receive nothing (headers or body) before it counts as cut.</param>
public sealed record WeightDownloadOptions(Uri? Mirror = null, int Attempts = 3, TimeSpan? StallTimeout = null)
{
    public static WeightDownloadOptions Default { get; } = new();

    /// <summary>The environment variable that sets <see cref="Mirror"/> for the fcn tool.</summary>
    public const string MirrorVariable = "FCN_WEIGHTS_MIRROR";

    internal TimeSpan Stall => StallTimeout ?? TimeSpan.FromSeconds(60);
}
