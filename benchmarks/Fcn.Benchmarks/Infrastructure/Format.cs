using System.Globalization;

namespace Fcn.Benchmarks.Infrastructure;

/// <summary>Invariant-culture number formatting for the tables (a comma decimal separator would break them).</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(Invariant), Invariant);

    public static string Integer(long value) => value.ToString("N0", Invariant);

    /// <summary>A duration given in nanoseconds, in the unit that keeps three or four significant digits.</summary>
    public static string Duration(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Fixed(nanoseconds, 1) + " ns",
        < 1e6 => Fixed(nanoseconds / 1e3, 1) + " us",
        < 1e9 => Fixed(nanoseconds / 1e6, 2) + " ms",
        _ => Fixed(nanoseconds / 1e9, 3) + " s",
    };

    /// <summary>A byte count in binary units.</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 => Fixed(bytes, 0) + " B",
        < 1024 * 1024 => Fixed(bytes / 1024, 1) + " KiB",
        < 1024.0 * 1024 * 1024 => Fixed(bytes / (1024 * 1024), 1) + " MiB",
        _ => Fixed(bytes / (1024.0 * 1024 * 1024), 2) + " GiB",
    };

    public static string Ratio(double ratio) => Fixed(ratio, 2);
}
