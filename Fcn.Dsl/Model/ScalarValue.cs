using System.Globalization;

namespace Fcn.Dsl.Model;

/// <summary>
/// A number the generated constructor may vary: either a literal, or a reference (<c>$name</c> in
/// YAML) to one of the spec's declared <see cref="SpecParameter"/>s, whose default is <see cref="Value"/>.
/// Used for dropout probabilities, fixed scale factors and init standard deviations: values that
/// change no shape, so the static analysis stays exact.
/// </summary>
public readonly record struct ScalarValue(double Value, string? Parameter)
{
    public static ScalarValue Literal(double value) => new(value, null);

    /// <summary>The parameter's name, or nothing for a literal.</summary>
    public System.Collections.Generic.IEnumerable<string> Names() =>
        Parameter is null ? System.Array.Empty<string>() : new[] { Parameter };

    public override string ToString() => Parameter is null ? Value.ToString("R", CultureInfo.InvariantCulture) : "$" + Parameter;
}
