using System;
using System.CommandLine;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Weights.Published;

namespace Fcn.Cli.Weights;

/// <summary>
/// Where published weight files are kept and fetched from: the cache folder (the option, else
/// <c>$FCN_WEIGHTS_CACHE</c>, else the XDG cache) and an optional mirror (the option, else
/// <c>$FCN_WEIGHTS_MIRROR</c>). <c>fcn weights pull</c> spells the options <c>--cache</c> and <c>--mirror</c>;
/// train, eval and predict, where they qualify <c>--weights published</c>, <c>--weights-cache</c> and <c>--weights-mirror</c>.
/// </summary>
internal sealed class PublishedWeightsSource
{
    public PublishedWeightsSource(string cacheOption, string mirrorOption)
    {
        Cache = new Option<string?>(cacheOption) { Description = $"Folder of downloaded weight files (default ${WeightCache.DirectoryVariable}, else $XDG_CACHE_HOME/fcndsl/weights, else ~/.cache/fcndsl/weights)." };
        Mirror = new Option<string?>(mirrorOption) { Description = $"Download published files by name from this base URL instead (default ${WeightDownloadOptions.MirrorVariable}); the published checksums still apply." };
    }

    public Option<string?> Cache { get; }

    public Option<string?> Mirror { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Cache);
        command.Options.Add(Mirror);
    }

    public WeightCache CacheFor(ParseResult parse) =>
        parse.GetValue(Cache) is { Length: > 0 } folder ? new WeightCache(folder) : WeightCache.Default;

    /// <exception cref="UserError">The mirror is not an absolute http(s) URL.</exception>
    public WeightDownloadOptions DownloadFor(ParseResult parse)
    {
        string? mirror = parse.GetValue(Mirror) ?? Environment.GetEnvironmentVariable(WeightDownloadOptions.MirrorVariable);
        if (string.IsNullOrEmpty(mirror)) return WeightDownloadOptions.Default;
        if (!Uri.TryCreate(mirror, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new UserError($"{Mirror.Name} '{mirror}' is not an absolute http(s) URL; pass the base address the files are served under, e.g. http://mirror.local/models/.");
        return new WeightDownloadOptions(Mirror: url);
    }
}
