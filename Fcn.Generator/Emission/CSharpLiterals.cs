using System.Globalization;
using System.Text;

namespace Fcn.Generator.Emission;

/// <summary>
/// C# spellings of constants, culture-invariant (a German build machine must not write <c>0,01</c>).
/// </summary>
internal static class CSharpLiterals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>The shortest text that reads back as the same double, always with a decimal point or exponent.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0) text += ".0";
        return text;
    }

    /// <summary>A quoted string literal with escapes, or <c>null</c>.</summary>
    public static string String(string? value)
    {
        if (value is null) return "null";
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A verbatim string (<c>@"..."</c>) for multi-line text such as the canonical spec, so it reads
    /// as YAML in the generated file. Line ends become <c>\n</c> for byte-identical output.
    /// </summary>
    public static string Verbatim(string value) => "@\"" + value.Replace("\r\n", "\n").Replace("\"", "\"\"") + "\"";

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string value) => value
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
