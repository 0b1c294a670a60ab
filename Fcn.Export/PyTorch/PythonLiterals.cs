using System.Globalization;
using Fcn.Dsl.Model;

namespace Fcn.Export.PyTorch;

/// <summary>Python spellings of the IR's values: numbers, flags, strings and the symbolic channel counts.</summary>
internal static class PythonLiterals
{
    /// <summary>The constructor argument that holds the spec's class count, as in the generated C#.</summary>
    public const string Classes = "classes";

    /// <summary>
    /// The constructor argument that holds a class count: <c>classes</c> for the spec's, <c>classes_sem</c> for the
    /// output <c>sem</c>'s own. The generated C# spells the latter <c>classesSem</c>; Python's keyword arguments are
    /// snake_case (PEP 8), and <c>classes_sem</c> is also how the IR prints that channel count.
    /// </summary>
    public static string ClassesOf(string? classSet) => classSet is null ? Classes : Classes + "_" + classSet;

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A float literal that reads back to the same double (<c>1e-05</c>, <c>0.5</c>, <c>1.0</c>).</summary>
    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        // "1" would be an int in Python; keep every float a float so the module's types match its defaults.
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 ? text + ".0" : text.Replace("E", "e");
    }

    /// <summary>A double-quoted string (names here are identifiers, so only quotes and backslashes need escaping).</summary>
    public static string String(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary><c>64</c>, <c>classes</c>, <c>2 * classes</c>, <c>classes + 64</c>, <c>classes_sem</c>: counts that follow a class count stay symbolic.</summary>
    public static string Channels(ChannelCount count)
    {
        if (!count.DependsOnClasses) return Int(count.Fixed);
        string classes = ClassesOf(count.ClassSet);
        string perClass = count.PerClass switch
        {
            1 => classes,
            -1 => "-" + classes,
            _ => Int(count.PerClass) + " * " + classes,
        };
        if (count.Fixed == 0) return perClass;
        return count.Fixed > 0 ? perClass + " + " + Int(count.Fixed) : perClass + " - " + Int(-(long)count.Fixed);
    }

    /// <summary>A literal, or the constructor argument (<c>$name</c> in the spec) that supplies it.</summary>
    public static string Scalar(ScalarValue value) => value.Parameter is null ? Double(value.Value) : value.Parameter;
}
