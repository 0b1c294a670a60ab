using System.Collections.Generic;

namespace Fcn.Runtime.Data;

/// <summary>
/// A random-access list of segmentation samples. Loading is lazy: a dataset of files only lists names
/// until <see cref="Load"/> reads one.
/// </summary>
public interface ISegmentationDataset
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>
    /// The inputs every sample has, in the order <see cref="SegmentationSample.Inputs"/> holds them: one RGB
    /// <c>image</c> unless the dataset says otherwise (NYUD's layout: <c>color</c> and <c>depth</c> or <c>hha</c>).
    /// </summary>
    IReadOnlyList<SampleInputInfo> Inputs => new[] { SampleInputInfo.RgbImage };

    /// <summary>The label masks every sample has, in order: one <c>mask</c> (255 void) unless the dataset says otherwise.</summary>
    IReadOnlyList<SampleLabelInfo> Labels => new[] { SampleLabelInfo.Mask };

    /// <summary>The identifier of sample <paramref name="index"/> (used in reports and output file names).</summary>
    string NameOf(int index);

    /// <summary>Loads sample <paramref name="index"/>.</summary>
    /// <exception cref="SampleLoadException">The sample's files are missing, corrupt or do not match.</exception>
    SegmentationSample Load(int index);
}
