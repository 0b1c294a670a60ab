using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Fcn.Inference;

/// <summary>One graph input as the export described it: its name, channels and, where known, its convention.</summary>
public sealed record ExportedInput(string Name, int? Channels, InputNormalizer? Normalization);

/// <summary>One graph output as the export described it: its name and class count (SIFT Flow: sem 33, geo 3).</summary>
public sealed record ExportedOutput(string Name, int? Classes);

/// <summary>
/// What fcn export wrote into an ONNX model's metadata_props (keys <c>fcn.*</c>; Fcn.Export's
/// OnnxMetadata writes them): the model's name, class count and names, the input convention and the
/// canonical spec; per input (<c>fcn.inputs</c>, <c>fcn.input.NAME.*</c>) and per output
/// (<c>fcn.outputs</c>, <c>fcn.output.NAME.classes</c>). Models from elsewhere have none of it; then the
/// caller supplies the normalization.
/// </summary>
public sealed record ExportedModelMetadata(string? Model, int? Classes, IReadOnlyList<string>? ClassNames, InputNormalizer? Normalization, string? Spec)
{
    /// <summary>The inputs the export listed, in the spec's order; empty for a model from elsewhere (or an older export).</summary>
    public IReadOnlyList<ExportedInput> Inputs { get; init; } = Array.Empty<ExportedInput>();

    /// <summary>The outputs the export listed, in the spec's order; empty for a model from elsewhere.</summary>
    public IReadOnlyList<ExportedOutput> Outputs { get; init; } = Array.Empty<ExportedOutput>();

    /// <summary>The outputs that are the tasks of a multi-task model (SIFT Flow's <c>sem</c>, <c>geo</c>: <c>fcn.heads</c>); empty for a single-task one.</summary>
    public IReadOnlyList<string> Heads { get; init; } = Array.Empty<string>();

    public static ExportedModelMetadata Read(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        string? Get(string key) => properties.TryGetValue(key, out string? value) ? value : null;

        IReadOnlyList<string>? names = Get("fcn.class_names")?.Split(',');
        var inputs = List(Get("fcn.inputs"))
            .Select(name => new ExportedInput(name, Integer(Get("fcn.input." + name + ".channels")), Normalizer(properties, "fcn.input." + name + ".normalization")))
            .ToList();
        var outputs = List(Get("fcn.outputs"))
            .Select(name => new ExportedOutput(name, Integer(Get("fcn.output." + name + ".classes"))))
            .ToList();
        return new ExportedModelMetadata(Get("fcn.model"), Integer(Get("fcn.classes")), names, Normalizer(properties, "fcn.normalization"), Get("fcn.spec"))
        {
            Inputs = inputs,
            Outputs = outputs,
            Heads = List(Get("fcn.heads")).ToList(),
        };
    }

    private static InputNormalizer? Normalizer(IReadOnlyDictionary<string, string> properties, string prefix)
    {
        string? Get(string key) => properties.TryGetValue(key, out string? value) ? value : null;
        if (Get(prefix) is not { } name) return null;
        return new InputNormalizer(
            name,
            Get(prefix + ".bgr") == "true",
            Number(Get(prefix + ".scale") ?? "1"),
            Numbers(Get(prefix + ".mean"), name),
            Numbers(Get(prefix + ".std"), name));
    }

    private static IEnumerable<string> List(string? text) => (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static int? Integer(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IReadOnlyList<double> Numbers(string? text, string convention)
    {
        double[] values = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray();
        if (values.Length != 3) throw new FormatException($"The model's normalization '{convention}' lists {values.Length} values per channel; an RGB model needs 3.");
        return values;
    }
}
