using System;
using System.Globalization;

namespace Fcn.Benchmarks.Infrastructure;

/// <summary>The few <c>--name value</c> and <c>--flag</c> options of the benchmark modes.</summary>
public static class Options
{
    public static int Int(string[] arguments, string name, int fallback)
    {
        int index = Array.IndexOf(arguments, name);
        if (index < 0) return fallback;
        if (index + 1 >= arguments.Length || !int.TryParse(arguments[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new ArgumentException(name + " needs a whole number.");
        return value;
    }

    public static string? String(string[] arguments, string name)
    {
        int index = Array.IndexOf(arguments, name);
        return index >= 0 && index + 1 < arguments.Length ? arguments[index + 1] : null;
    }

    public static bool Flag(string[] arguments, string name) => Array.IndexOf(arguments, name) >= 0;
}
