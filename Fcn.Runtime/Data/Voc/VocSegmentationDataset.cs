using System;
using System.IO;
using System.Linq;
using Fcn.Runtime.Data.Decoding;

namespace Fcn.Runtime.Data.Voc;

/// <summary>
/// PASCAL VOC / SBD layout: <c>ImageSets/Segmentation/{split}.txt</c> lists ids, images are
/// <c>JPEGImages/{id}.jpg</c>, masks are palette PNGs <c>SegmentationClass/{id}.png</c> (255 = void).
/// </summary>
public sealed class VocSegmentationDataset : ISegmentationDataset
{
    private readonly string _root;
    private readonly string[] _ids;

    /// <summary>Opens split <paramref name="split"/> (e.g. <c>train</c>, <c>val</c>) under <paramref name="root"/>.</summary>
    /// <exception cref="FileNotFoundException">The split list does not exist.</exception>
    public VocSegmentationDataset(string root, string split)
    {
        string list = Path.Combine(root, "ImageSets", "Segmentation", split + ".txt");
        if (!File.Exists(list))
        {
            throw new FileNotFoundException($"VOC split list not found: {list}", list);
        }

        _root = root;
        _ids = File.ReadAllLines(list).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
    }

    /// <inheritdoc />
    public int Count => _ids.Length;

    /// <inheritdoc />
    public string NameOf(int index) => _ids[index];

    /// <inheritdoc />
    public SegmentationSample Load(int index)
    {
        string id = _ids[index];
        return SampleFiles.Load(
            id,
            Path.Combine(_root, "JPEGImages", id + ".jpg"),
            Path.Combine(_root, "SegmentationClass", id + ".png"));
    }
}
