using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data.Decoding;
using Fcn.Runtime.Data.Depth;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Nyud;

/// <summary>
/// NYUDv2's layout, one folder per input and per label, files matched by stem:
/// <c>color/NAME.png</c> (or .jpg; required), <c>depth/NAME.png</c> (16-bit depth, log-normalized on load as the
/// Caffe reference's <c>nyud_layers.py</c> does), <c>hha/NAME.png</c> (8-bit HHA), and the labels as
/// <c>labels/NAME.png</c> (one label, <c>mask</c>) or <c>labels/HEAD/NAME.png</c> (one label per head, named by
/// its folder). Label PNGs hold class indices with 255 void, as the other folder datasets.
/// </summary>
public sealed class MultiInputFolderDataset : ISegmentationDataset
{
    private static readonly string[] ImageExtensions = { ".png", ".jpg", ".jpeg" };
    private readonly string _root;
    private readonly string[] _colorFiles;
    private readonly List<(string Name, string Folder)> _labelFolders = new();

    /// <summary>Lists the samples of <paramref name="root"/>; the other files are looked up on load.</summary>
    /// <exception cref="DirectoryNotFoundException"><c>color/</c> or <c>labels/</c> is missing.</exception>
    public MultiInputFolderDataset(string root)
    {
        _root = root;
        string color = Path.Combine(root, NyudInputs.Color), labels = Path.Combine(root, "labels");
        if (!Directory.Exists(color) || !Directory.Exists(labels))
        {
            throw new DirectoryNotFoundException(
                $"{root}: NYUD's layout needs color/ (the images) and labels/ (label PNGs, or one folder per head inside it), and optionally depth/ or hha/.");
        }

        _colorFiles = Directory.EnumerateFiles(color)
            .Where(path => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToArray();

        string[] headFolders = Directory.GetDirectories(labels).OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal).ToArray();
        if (headFolders.Length > 0)
            foreach (string folder in headFolders) _labelFolders.Add((Path.GetFileName(folder), folder));
        else
            _labelFolders.Add((SegmentationSample.MaskName, labels));

        var inputs = new List<SampleInputInfo> { NyudInputs.ColorInfo };
        if (Directory.Exists(Path.Combine(root, NyudInputs.Depth))) inputs.Add(NyudInputs.DepthInfo);
        if (Directory.Exists(Path.Combine(root, NyudInputs.Hha))) inputs.Add(NyudInputs.HhaInfo);
        Inputs = inputs;
        Labels = _labelFolders.Select(label => new SampleLabelInfo(label.Name)).ToArray();
    }

    /// <inheritdoc />
    public int Count => _colorFiles.Length;

    /// <inheritdoc />
    public IReadOnlyList<SampleInputInfo> Inputs { get; }

    /// <inheritdoc />
    public IReadOnlyList<SampleLabelInfo> Labels { get; }

    /// <inheritdoc />
    public string NameOf(int index) => Path.GetFileNameWithoutExtension(_colorFiles[index]);

    /// <inheritdoc />
    public SegmentationSample Load(int index)
    {
        string name = NameOf(index);
        using var scope = NewDisposeScope();
        var inputs = new List<NamedTensor>();
        var files = new List<string>();
        foreach (SampleInputInfo input in Inputs)
        {
            string path = input.Name == NyudInputs.Color ? _colorFiles[index] : Path.Combine(_root, input.Name, name + ".png");
            files.Add(path);
            inputs.Add(new NamedTensor(input.Name, input.Name == NyudInputs.Depth ? DecodeDepth(name, path) : DecodeImage(name, path)));
        }

        var labels = new List<NamedTensor>();
        foreach ((string label, string folder) in _labelFolders)
        {
            string path = Path.Combine(folder, name + ".png");
            files.Add(path);
            labels.Add(new NamedTensor(label, DecodeLabel(name, path)));
        }

        long height = labels[0].Tensor.shape[0], width = labels[0].Tensor.shape[1];
        NamedTensor[] all = inputs.Concat(labels).ToArray();
        for (int i = 0; i < all.Length; i++)
        {
            long h = all[i].Tensor.shape[^2], w = all[i].Tensor.shape[^1];
            if (h != height || w != width)
                throw new SampleLoadException(name, files[i], $"{all[i].Name} is {w}x{h} but the label {labels[0].Name} is {width}x{height}");
        }

        var sample = new SegmentationSample(name, inputs, labels);
        foreach (NamedTensor t in inputs.Concat(labels)) t.Tensor.MoveToOuterDisposeScope();
        return sample;
    }

    private static Tensor DecodeImage(string name, string path)
    {
        if (!File.Exists(path)) throw new SampleLoadException(name, path, "image file is missing");
        try
        {
            return ImageDecoder.Decode(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new SampleLoadException(name, path, "image is corrupt: " + e.Message, e);
        }
    }

    private static Tensor DecodeDepth(string name, string path)
    {
        if (!File.Exists(path)) throw new SampleLoadException(name, path, "depth file is missing");
        try
        {
            (int width, int height, ushort[] values) = Grey16Png.Read(path);
            return LogDepth.Normalize(values, height, width);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new SampleLoadException(name, path, "depth is not a readable 16-bit greyscale PNG: " + e.Message, e);
        }
    }

    private static Tensor DecodeLabel(string name, string path)
    {
        if (!File.Exists(path)) throw new SampleLoadException(name, path, "label file is missing");
        IndexedImage mask;
        try
        {
            mask = IndexedPngReader.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new SampleLoadException(name, path, "label is not a readable label PNG: " + e.Message, e);
        }

        return tensor(Array.ConvertAll(mask.Pixels, p => (long)p), new long[] { mask.Height, mask.Width });
    }
}
