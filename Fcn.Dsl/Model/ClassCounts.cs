using System;
using System.Linq;

namespace Fcn.Dsl.Model;

/// <summary>One output's own class count (<c>outputs: { sem: { node: score_sem, classes: 33 } }</c>).</summary>
public sealed record OutputClasses(string Output, int Classes);

/// <summary>
/// The class counts at which a model's symbolic channel counts are evaluated: the spec's
/// <c>classes:</c> and the outputs that declare their own (a multi-task net such as SIFT Flow's
/// <c>sem</c> 33 and <c>geo</c> 3). A plain number converts to a model with one class count.
/// </summary>
public sealed record ClassCounts(int Default, EquatableArray<OutputClasses> PerOutput)
{
    /// <summary>The count of <paramref name="classSet"/>: an output's own, or <see cref="Default"/> for null.</summary>
    public int Of(string? classSet)
    {
        if (classSet is null) return Default;
        foreach (OutputClasses output in PerOutput)
            if (string.Equals(output.Output, classSet, StringComparison.Ordinal)) return output.Classes;
        throw new ArgumentException("No output '" + classSet + "' declares its own class count.", nameof(classSet));
    }

    public bool IsMultiTask => !PerOutput.IsEmpty;

    public static implicit operator ClassCounts(int classes) => new(classes, EquatableArray<OutputClasses>.Empty);

    public override string ToString() =>
        IsMultiTask ? string.Join(", ", PerOutput.Select(o => o.Output + " " + o.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture))) : Default.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
