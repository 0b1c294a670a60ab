namespace Fcn.Runtime.Data;

/// <summary>One label mask every sample of a dataset has.</summary>
/// <param name="Name">The label's name (<c>mask</c> for a plain dataset; a head's name, <c>sem</c> or <c>geo</c>, for a multi-task one).</param>
/// <param name="Classes">The classes it is labelled with, when known (the model's head must predict at least these).</param>
/// <param name="VoidLabel">The label of pixels no class is scored on (255 in PASCAL VOC and NYUD's converted labels).</param>
public sealed record SampleLabelInfo(string Name, int? Classes = null, long VoidLabel = 255)
{
    /// <summary>The single mask of a plain image/mask dataset, 255 void.</summary>
    public static SampleLabelInfo Mask { get; } = new(SegmentationSample.MaskName);
}
