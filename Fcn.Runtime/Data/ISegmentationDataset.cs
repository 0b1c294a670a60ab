namespace Fcn.Runtime.Data;

/// <summary>
/// A random-access list of segmentation samples. Loading is lazy: a dataset of files only lists names
/// until <see cref="Load"/> reads one.
/// </summary>
public interface ISegmentationDataset
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>The identifier of sample <paramref name="index"/> (used in reports and output file names).</summary>
    string NameOf(int index);

    /// <summary>Loads sample <paramref name="index"/>.</summary>
    /// <exception cref="SampleLoadException">The sample's files are missing, corrupt or do not match.</exception>
    SegmentationSample Load(int index);
}
