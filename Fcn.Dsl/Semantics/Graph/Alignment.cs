using Fcn.Dsl.Analysis;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Reading;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// Checks that a node can be cropped onto a reference (same stride, a whole, non-negative offset) and
/// computes the offset from the coordinate maps, as Caffe's coord_map did for the reference FCNs.
/// </summary>
internal static class Alignment
{
    public static int? CropOffset(Node reference, Node other, SourceSpan at, string nodeName, DiagnosticSink sink)
    {
        Rational referenceStride = reference.Analysis.Stride;
        Rational otherStride = other.Analysis.Stride;
        if (referenceStride != otherStride)
        {
            Rational ratio = otherStride / referenceStride;
            string fix = ratio.IsInteger
                ? $"Upsample '{other.Name}' by {ratio} first (op: upsample, factor: {ratio})."
                : (referenceStride / otherStride).IsInteger
                    ? $"Upsample '{reference.Name}' by {referenceStride / otherStride} first (op: upsample, factor: {referenceStride / otherStride})."
                    : "Bring both to the same stride first.";
            sink.Error(DiagnosticIds.StrideMismatch, at,
                $"'{nodeName}' aligns '{other.Name}' (stride {otherStride}) to '{reference.Name}' (stride {referenceStride}), but their strides differ. {fix}");
            return null;
        }
        Rational offset = NodeAnalyzer.CropOffset(reference.Analysis, other.Analysis);
        if (!offset.IsInteger)
        {
            sink.Error(DiagnosticIds.NonIntegralCropOffset, at,
                $"'{nodeName}' would crop '{other.Name}' at offset {offset} pixels to align it with '{reference.Name}', which is not a whole number. Change a padding or kernel size (odd kernels keep alignments whole) so the offsets line up.");
            return null;
        }
        if (offset.Numerator < 0)
        {
            sink.Error(DiagnosticIds.NegativeCropOffset, at,
                $"'{nodeName}' would crop '{other.Name}' at offset {offset}: it is smaller than '{reference.Name}' by {-offset.Numerator} pixels on each side. Add padding to the first convolution (as FCN's pad 100 does) so it covers the reference.");
            return null;
        }
        if (offset.Numerator > int.MaxValue)
        {
            sink.Error(DiagnosticIds.OutOfRange, at, $"'{nodeName}' would crop '{other.Name}' at offset {offset}, which is too large. Check the paddings.");
            return null;
        }
        return (int)offset.Numerator;
    }
}
