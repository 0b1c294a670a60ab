using System;
using System.IO;

namespace Fcn.Runtime.Weights.Published;

/// <summary>
/// A published weight file could not be downloaded or did not verify. The message names the file and
/// URL, what went wrong and what to do; <see cref="PartialKept"/> says whether a later try can resume.
/// </summary>
public sealed class WeightDownloadException : IOException
{
    public WeightDownloadException(FcnWeightFileInfo file, Uri url, string message, bool partialKept, Exception? innerException = null)
        : base(message, innerException)
    {
        File = file;
        Url = url;
        PartialKept = partialKept;
    }

    public FcnWeightFileInfo File { get; }

    /// <summary>The address that was downloaded (the spec's URL, or the mirror's).</summary>
    public Uri Url { get; }

    /// <summary>True when the bytes received so far are kept (<c>NAME.partial</c>) and the next pull resumes from them.</summary>
    public bool PartialKept { get; }
}
