using System.Globalization;

namespace Fcn.Dsl.Analysis;

/// <summary>Height and width of a feature map, in its own pixels.</summary>
public readonly record struct SpatialSize(long Height, long Width)
{
    /// <summary>Pixels in one channel.</summary>
    public long Area => Height * Width;

    /// <summary>Invariant text such as <c>22x22</c>.</summary>
    public override string ToString() =>
        Height.ToString(CultureInfo.InvariantCulture) + "x" + Width.ToString(CultureInfo.InvariantCulture);
}
