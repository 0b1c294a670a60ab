using Fcn.Runtime.Data;

namespace Fcn.Training.Tests.Support;

/// <summary>Wraps a dataset so that one index fails to load, like a corrupt file on disk.</summary>
internal sealed class FailingDataset : ISegmentationDataset
{
    private readonly ISegmentationDataset _inner;
    private readonly int _badIndex;

    public FailingDataset(ISegmentationDataset inner, int badIndex)
    {
        _inner = inner;
        _badIndex = badIndex;
    }

    public int Count => _inner.Count;

    public string NameOf(int index) => _inner.NameOf(index);

    public SegmentationSample Load(int index) =>
        index == _badIndex
            ? throw new SampleLoadException(NameOf(index), "/nowhere/" + NameOf(index) + ".jpg", "image is corrupt: simulated")
            : _inner.Load(index);
}
