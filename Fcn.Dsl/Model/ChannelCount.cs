using System;

namespace Fcn.Dsl.Model;

/// <summary>
/// A channel count as a linear form of the class count: <c>PerClass * classes + Fixed</c>.
/// Score layers have <c>classes</c> channels, which a user may change in the generated constructor,
/// so channel counts that depend on it stay symbolic: the emitter writes <c>classes</c> (or
/// <c>2 * classes</c> after a concatenation) and the validator compares forms, not numbers.
/// </summary>
public readonly record struct ChannelCount(int PerClass, int Fixed)
{
    public static ChannelCount Of(int channels) => new(0, channels);

    public static ChannelCount Classes => new(1, 0);

    public bool DependsOnClasses => PerClass != 0;

    /// <summary>The concrete count for a given number of classes.</summary>
    public long Evaluate(int classes) => (long)PerClass * classes + Fixed;

    public static ChannelCount operator +(ChannelCount left, ChannelCount right) =>
        new(left.PerClass + right.PerClass, left.Fixed + right.Fixed);

    /// <summary>Invariant text such as <c>64</c>, <c>classes</c> or <c>2*classes+64</c>.</summary>
    public override string ToString()
    {
        string perClass = PerClass switch { 0 => "", 1 => "classes", _ => PerClass.ToString(System.Globalization.CultureInfo.InvariantCulture) + "*classes" };
        if (PerClass == 0) return Fixed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Fixed == 0) return perClass;
        return perClass + "+" + Fixed.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
