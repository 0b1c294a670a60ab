using System;

namespace Fcn.Dsl.Model;

/// <summary>
/// A channel count as a linear form of a class count: <c>PerClass * classes + Fixed</c>.
/// Score layers have <c>classes</c> channels, which a user may change in the generated constructor,
/// so channel counts that depend on it stay symbolic: the emitter writes <c>classes</c> (or
/// <c>2 * classes</c> after a concatenation) and the validator compares forms, not numbers.
/// </summary>
/// <remarks>
/// A multi-task model has one class count per output (SIFT Flow: <c>sem</c> 33, <c>geo</c> 3); the
/// count a form depends on is <see cref="ClassSet"/>: the output's name, or null for the spec's
/// <c>classes:</c>. A form depends on one class count at most: the compiler rejects a concat of the
/// scores of two outputs before it would be formed.
/// </remarks>
public readonly record struct ChannelCount(int PerClass, int Fixed)
{
    /// <summary>The output whose class count this form depends on, or null for the spec's <c>classes:</c>.</summary>
    public string? ClassSet { get; init; }

    public static ChannelCount Of(int channels) => new(0, channels);

    public static ChannelCount Classes => new(1, 0);

    /// <summary>The class count of the output <paramref name="classSet"/> (null: the spec's <c>classes:</c>).</summary>
    public static ChannelCount ClassesOf(string? classSet) => new(1, 0) { ClassSet = classSet };

    public bool DependsOnClasses => PerClass != 0;

    /// <summary>The concrete count for a given number of classes.</summary>
    public long Evaluate(int classes) => (long)PerClass * classes + Fixed;

    /// <summary>The concrete count at the model's class counts (its <see cref="ClassSet"/>'s).</summary>
    public long Evaluate(ClassCounts classes) => (long)PerClass * (classes ?? throw new ArgumentNullException(nameof(classes))).Of(ClassSet) + Fixed;

    /// <summary>Whether the two forms can be added: at most one of them depends on a class count, or both on the same.</summary>
    public static bool CanAdd(ChannelCount left, ChannelCount right) =>
        left.PerClass == 0 || right.PerClass == 0 || left.ClassSet == right.ClassSet;

    public static ChannelCount operator +(ChannelCount left, ChannelCount right)
    {
        if (!CanAdd(left, right))
            throw new InvalidOperationException("Channel counts of two class counts (" + left + " and " + right + ") cannot be added.");
        return new(left.PerClass + right.PerClass, left.Fixed + right.Fixed) { ClassSet = left.PerClass != 0 ? left.ClassSet : right.ClassSet };
    }

    /// <summary>Invariant text such as <c>64</c>, <c>classes</c>, <c>2*classes+64</c> or <c>classes_sem</c>.</summary>
    public override string ToString()
    {
        string symbol = ClassSet is null ? "classes" : "classes_" + ClassSet;
        string perClass = PerClass switch { 0 => "", 1 => symbol, _ => PerClass.ToString(System.Globalization.CultureInfo.InvariantCulture) + "*" + symbol };
        if (PerClass == 0) return Fixed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Fixed == 0) return perClass;
        return perClass + "+" + Fixed.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
