using System;
using System.IO;

namespace Fcn.Runtime.Weights.Published;

/// <summary>
/// The folder where published weight files are kept once downloaded and verified, one file per file name
/// (torchvision's names carry their hash, and the VGG FCNs share one ImageNet file), as torch.hub keeps
/// <c>$TORCH_HOME/hub/checkpoints/</c>. Only verified files ever have their final name there: a download
/// in progress is <c>NAME.partial</c> beside it.
/// </summary>
public sealed class WeightCache
{
    /// <summary>The environment variable that moves the cache (a folder path).</summary>
    public const string DirectoryVariable = "FCN_WEIGHTS_CACHE";

    public WeightCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache's folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>
    /// <c>$FCN_WEIGHTS_CACHE</c>, else <c>$XDG_CACHE_HOME/fcndsl/weights</c> (the XDG Base Directory
    /// specification), else <c>~/.cache/fcndsl/weights</c>.
    /// </summary>
    public static WeightCache Default => new(DefaultDirectory());

    public static string DefaultDirectory()
    {
        string? own = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(own)) return own;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        // The XDG specification says a relative XDG_CACHE_HOME is invalid and must be ignored.
        string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "fcndsl", "weights");
    }

    /// <summary>Where <paramref name="file"/> is (or will be) once verified.</summary>
    public string PathOf(FcnWeightFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // The spec compiler allows no separators in file names; a hand-made info must not escape the folder either.
        if (file.FileName.Length == 0 || file.FileName != Path.GetFileName(file.FileName) || file.FileName is "." or "..")
            throw new ArgumentException($"'{file.FileName}' is not a plain file name.", nameof(file));
        return Path.Combine(Directory, file.FileName);
    }

    /// <summary>Where a download of <paramref name="file"/> in progress keeps its bytes (resumed from on the next try).</summary>
    public string PartialPathOf(FcnWeightFileInfo file) => PathOf(file) + ".partial";

    /// <summary>The verified file, or null when it has not been downloaded.</summary>
    public string? Find(FcnWeightFileInfo file)
    {
        string path = PathOf(file);
        return File.Exists(path) ? path : null;
    }
}
