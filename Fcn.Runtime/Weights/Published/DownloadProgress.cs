namespace Fcn.Runtime.Weights.Published;

/// <summary>How far the download of one published file has come.</summary>
/// <param name="File">The file being downloaded.</param>
/// <param name="Received">Bytes on disk so far, those of an earlier, resumed attempt included.</param>
/// <param name="Total">The file's size when the server said it, else null.</param>
/// <param name="ResumedAt">The byte the current request started at (0 unless it resumed with an HTTP Range request).</param>
public readonly record struct DownloadProgress(FcnWeightFileInfo File, long Received, long? Total, long ResumedAt);
