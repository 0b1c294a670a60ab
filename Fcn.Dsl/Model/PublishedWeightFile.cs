namespace Fcn.Dsl.Model;

/// <summary>
/// A weight file the model was published with (an entry of <c>weights:</c>): where to download it and
/// the SHA-256 it must have. At least one of <see cref="Sha256"/> and <see cref="Sha256Prefix"/> is set:
/// the compiler refuses an entry that cannot be verified.
/// </summary>
/// <param name="Name">The entry's name (<c>coco_voc</c>, <c>imagenet</c>): how <c>--weights published:NAME</c> picks it.</param>
/// <param name="Purpose">What the file initializes: the whole model, or the backbone to convolutionalize.</param>
/// <param name="Url">The absolute http(s) URL of the file.</param>
/// <param name="FileName">The URL's last path segment: the file's name in the cache.</param>
/// <param name="Sha256">The full SHA-256 digest (<c>sha256:</c>), 64 lowercase hex digits, or null.</param>
/// <param name="Sha256Prefix">
/// The digest prefix that torch.hub reads from file names such as <c>fcn_resnet50_coco-1167a1af.pth</c>
/// (<c>HASH_REGEX = '-([a-f0-9]*)\.'</c> in torch/hub.py), at least 8 hex digits, or null.
/// </param>
public sealed record PublishedWeightFile(
    string Name,
    WeightFilePurpose Purpose,
    string Url,
    string FileName,
    string? Sha256,
    string? Sha256Prefix);
