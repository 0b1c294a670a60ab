using System;
using System.IO;
using System.Linq;
using Fcn.Runtime.Data.Decoding;

namespace Fcn.Runtime.Data.Folder;

/// <summary>
/// A plain pair of folders: every image in <c>images/</c> (jpg, jpeg, png) has a label PNG with the same
/// file stem in <c>masks/</c>. Pairs are listed in ordinal file-name order.
/// </summary>
public sealed class ImageMaskFolderDataset : ISegmentationDataset
{
    private static readonly string[] ImageExtensions = { ".jpg", ".jpeg", ".png" };
    private readonly string[] _images;
    private readonly string _masks;

    /// <summary>Lists the images of <paramref name="imagesDirectory"/>; masks are looked up on load.</summary>
    /// <exception cref="DirectoryNotFoundException">A folder does not exist.</exception>
    public ImageMaskFolderDataset(string imagesDirectory, string masksDirectory)
    {
        if (!Directory.Exists(imagesDirectory))
        {
            throw new DirectoryNotFoundException($"Image folder not found: {imagesDirectory}");
        }

        if (!Directory.Exists(masksDirectory))
        {
            throw new DirectoryNotFoundException($"Mask folder not found: {masksDirectory}");
        }

        _images = Directory.EnumerateFiles(imagesDirectory)
            .Where(path => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToArray();
        _masks = masksDirectory;
    }

    /// <inheritdoc />
    public int Count => _images.Length;

    /// <inheritdoc />
    public string NameOf(int index) => Path.GetFileNameWithoutExtension(_images[index]);

    /// <inheritdoc />
    public SegmentationSample Load(int index)
    {
        string name = NameOf(index);
        return SampleFiles.Load(name, _images[index], Path.Combine(_masks, name + ".png"));
    }
}
