using System;
using System.Collections.Generic;
using System.Globalization;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Reading;

/// <summary>
/// Reads typed values (whole numbers, numbers, booleans, words, <c>$parameter</c> references) out of
/// the YAML tree. A bad value is reported once, where it is written, and replaced by the field's
/// default so reading goes on and independent errors are all found in one run.
/// </summary>
internal sealed class ValueReader
{
    private readonly IReadOnlyDictionary<string, SpecParameter> parameters;

    public ValueReader(DiagnosticSink sink, IReadOnlyDictionary<string, SpecParameter> parameters)
    {
        Sink = sink;
        this.parameters = parameters;
    }

    public DiagnosticSink Sink { get; }

    /// <summary>Reports keys of <paramref name="mapping"/> that are not in <paramref name="allowed"/>; true when all are known.</summary>
    public bool CheckKeys(MappingNode mapping, IReadOnlyList<string> allowed, string where)
    {
        bool ok = true;
        foreach (MappingEntry entry in mapping.Entries)
        {
            if (Contains(allowed, entry.Key.Value)) continue;
            ok = false;
            Sink.Error(DiagnosticIds.UnknownKey, entry.Key.Span,
                $"'{entry.Key.Value}' is not a key of {where}.{Suggestions.DidYouMean(entry.Key.Value, allowed)} Accepted keys: {string.Join(", ", allowed)}.");
        }
        return ok;
    }

    public int Int(MappingNode mapping, string key, int fallback, int min, int max) =>
        mapping.Get(key) is { } node ? Int(node, key, fallback, min, max) : fallback;

    public int Int(YamlNode node, string key, int fallback, int min, int max)
    {
        if (node is not ScalarNode scalar || scalar.IsNull)
        {
            Sink.Error(DiagnosticIds.WrongType, node.Span, $"'{key}' must be a whole number, but it is {node.Describe()}. Write e.g. '{key}: {Math.Max(min, Math.Min(max, 1))}'.");
            return fallback;
        }
        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            bool isNumber = double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && !double.IsNaN(real);
            if (isNumber && IsDigitsOnly(scalar.Value))
                Sink.Error(DiagnosticIds.OutOfRange, node.Span, $"'{key}' is {scalar.Value}, which is too large; it must be between {min} and {max}.");
            else
                Sink.Error(DiagnosticIds.WrongType, node.Span, $"'{key}' must be a whole number, but it is {scalar.Describe()}. Write e.g. '{key}: {Math.Max(min, Math.Min(max, 1))}'.");
            return fallback;
        }
        if (value < min || value > max)
        {
            Sink.Error(DiagnosticIds.OutOfRange, node.Span, $"'{key}' is {value}, but it must be between {min} and {max}.");
            return fallback;
        }
        return (int)value;
    }

    public double Number(MappingNode mapping, string key, double fallback, double min, double max, bool minExclusive = false) =>
        mapping.Get(key) is { } node ? Number(node, key, fallback, min, max, minExclusive) : fallback;

    public double Number(YamlNode node, string key, double fallback, double min, double max, bool minExclusive = false)
    {
        if (!TryNumber(node, out double value))
        {
            Sink.Error(DiagnosticIds.WrongType, node.Span, $"'{key}' must be a number, but it is {node.Describe()}. Write e.g. '{key}: 0.5'.");
            return fallback;
        }
        if (!InRange(value, min, max, minExclusive))
        {
            Sink.Error(DiagnosticIds.OutOfRange, node.Span, $"'{key}' is {Format(value)}, but it must be {RangeText(min, max, minExclusive)}.");
            return fallback;
        }
        return value;
    }

    /// <summary>A number, or <c>$name</c> referring to a declared parameter (whose default must also be in range).</summary>
    public ScalarValue Scalar(MappingNode mapping, string key, double fallback, double min, double max, bool minExclusive = false) =>
        mapping.Get(key) is { } node ? Scalar(node, key, fallback, min, max, minExclusive) : ScalarValue.Literal(fallback);

    public ScalarValue Scalar(YamlNode node, string key, double fallback, double min, double max, bool minExclusive = false)
    {
        if (node is ScalarNode scalar && scalar.Value.StartsWith("$", StringComparison.Ordinal))
        {
            string name = scalar.Value.Substring(1);
            if (!parameters.TryGetValue(name, out SpecParameter? parameter))
            {
                string declared = parameters.Count == 0 ? "none are declared" : "declared: " + string.Join(", ", parameters.Keys);
                Sink.Error(DiagnosticIds.UndeclaredParameter, node.Span,
                    $"'${name}' refers to no parameter ({declared}).{Suggestions.DidYouMean(name, parameters.Keys)} Declare it under 'parameters:', e.g. '{(name.Length == 0 ? "p" : name)}: {Format(fallback)}'.");
                return ScalarValue.Literal(fallback);
            }
            if (!InRange(parameter.Default, min, max, minExclusive))
            {
                Sink.Error(DiagnosticIds.OutOfRange, node.Span,
                    $"'{key}' takes the default of parameter '{name}', {Format(parameter.Default)}, but it must be {RangeText(min, max, minExclusive)}. Change the parameter's default.");
                return ScalarValue.Literal(fallback);
            }
            return new ScalarValue(parameter.Default, name);
        }
        return ScalarValue.Literal(Number(node, key, fallback, min, max, minExclusive));
    }

    public bool Bool(MappingNode mapping, string key, bool fallback)
    {
        if (mapping.Get(key) is not { } node) return fallback;
        if (node is ScalarNode scalar)
        {
            switch (scalar.Value)
            {
                case "true": case "True": case "TRUE": return true;
                case "false": case "False": case "FALSE": return false;
            }
        }
        Sink.Error(DiagnosticIds.WrongType, node.Span, $"'{key}' must be true or false, but it is {node.Describe()}.");
        return fallback;
    }

    /// <summary>A plain word (a name, an op); null with a diagnostic when it is not a non-empty scalar.</summary>
    public string? Word(YamlNode node, string key)
    {
        if (node is ScalarNode scalar && !scalar.IsNull && scalar.Value.Length > 0) return scalar.Value;
        Sink.Error(DiagnosticIds.WrongType, node.Span, $"'{key}' must be a word, but it is {node.Describe()}.");
        return null;
    }

    /// <summary>One of <paramref name="choices"/>; null with FCN0007 (and a suggestion) otherwise.</summary>
    public string? Choice(YamlNode node, string key, IReadOnlyList<string> choices)
    {
        string? word = Word(node, key);
        if (word is null) return null;
        if (Contains(choices, word)) return word;
        Sink.Error(DiagnosticIds.UnknownValue, node.Span,
            $"'{word}' is not a valid '{key}'.{Suggestions.DidYouMean(word, choices)} Choose one of: {string.Join(", ", choices)}.");
        return null;
    }

    public static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return node is ScalarNode scalar && !scalar.IsNull
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && !double.IsNaN(value) && !double.IsInfinity(value);
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool InRange(double value, double min, double max, bool minExclusive) =>
        (minExclusive ? value > min : value >= min) && value <= max;

    private static string RangeText(double min, double max, bool minExclusive)
    {
        string lower = minExclusive ? "greater than " + Format(min) : "at least " + Format(min);
        return double.IsPositiveInfinity(max) ? lower : (minExclusive ? $"in ({Format(min)}, {Format(max)}]" : $"between {Format(min)} and {Format(max)}");
    }

    private static bool IsDigitsOnly(string text)
    {
        int start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start == text.Length) return false;
        for (int i = start; i < text.Length; i++)
            if (text[i] < '0' || text[i] > '9') return false;
        return true;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (string item in list)
            if (item == value) return true;
        return false;
    }
}
