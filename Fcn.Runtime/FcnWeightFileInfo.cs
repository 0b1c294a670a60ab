using System;

namespace Fcn.Runtime;

/// <summary>
/// A weight file a generated network was published with (the spec's <c>weights:</c>), as constants in its
/// static description. Generated code builds these with <c>new(...)</c> in the parameter order below
/// (part of the generator contract). At least one of <paramref name="Sha256"/> and
/// <paramref name="Sha256Prefix"/> is set: the spec compiler refuses a file that cannot be verified.
/// </summary>
/// <param name="Name">The entry's name (<c>coco_voc</c>, <c>imagenet</c>).</param>
/// <param name="Purpose">The model's own weights, or an ImageNet classifier for the backbone.</param>
/// <param name="Url">Where the file is published (absolute http or https).</param>
/// <param name="FileName">The URL's last path segment: the file's name in the cache.</param>
/// <param name="Sha256">The file's full SHA-256 as 64 lowercase hex digits, or null.</param>
/// <param name="Sha256Prefix">
/// The start of the digest written in the file name (<c>fcn_resnet50_coco-1167a1af.pth</c>: <c>1167a1af</c>),
/// which torch.hub checks (torch/hub.py, <c>HASH_REGEX</c>), or null.
/// </param>
public sealed record FcnWeightFileInfo(
    string Name,
    FcnWeightFilePurpose Purpose,
    string Url,
    string FileName,
    string? Sha256,
    string? Sha256Prefix)
{
    /// <summary>
    /// Whether a file whose SHA-256 is <paramref name="digest"/> (hex, any case) is this one: equal to
    /// <see cref="Sha256"/> when the full digest is known, else starting with <see cref="Sha256Prefix"/>.
    /// </summary>
    public bool IsMatchedBy(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        string lower = digest.ToLowerInvariant();
        if (Sha256 is not null) return lower == Sha256;
        return Sha256Prefix is not null && lower.StartsWith(Sha256Prefix, StringComparison.Ordinal);
    }

    /// <summary>What the check expects, for messages: <c>SHA-256 1167a1af...</c> (a prefix) or the full digest.</summary>
    public string ExpectedDigest => Sha256 ?? (Sha256Prefix + "...");
}
