using System.Text.Json;

namespace Fcn.Runtime.Training.Reporting;

/// <summary>
/// Metrics as JSON: NaN (a class neither present nor predicted: the paper's 0/0) and infinities have no
/// JSON spelling, so they are written as null. Shared by the JSON-lines observer and the fcn tool.
/// </summary>
public static class JsonNumbers
{
    /// <summary>Writes <c>"name": value</c>, or <c>"name": null</c> when the value is not finite.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double value)
    {
        if (IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    /// <summary>Writes an array element: the value, or null when it is not finite.</summary>
    public static void WriteNumberOrNullValue(this Utf8JsonWriter json, double value)
    {
        if (IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
}
