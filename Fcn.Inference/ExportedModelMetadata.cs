using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Fcn.Inference;

/// <summary>
/// What fcn export wrote into an ONNX model's metadata_props (keys <c>fcn.*</c>; Fcn.Export's
/// OnnxMetadata writes them): the model's name, class count and names, the input convention and the
/// canonical spec. Models from elsewhere have none of it; then the caller supplies the normalization.
/// </summary>
public sealed record ExportedModelMetadata(string? Model, int? Classes, IReadOnlyList<string>? ClassNames, InputNormalizer? Normalization, string? Spec)
{
    public static ExportedModelMetadata Read(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        string? Get(string key) => properties.TryGetValue(key, out string? value) ? value : null;

        int? classes = int.TryParse(Get("fcn.classes"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) ? count : null;
        IReadOnlyList<string>? names = Get("fcn.class_names")?.Split(',');
        InputNormalizer? normalization = null;
        if (Get("fcn.normalization") is { } name)
        {
            normalization = new InputNormalizer(
                name,
                Get("fcn.normalization.bgr") == "true",
                Number(Get("fcn.normalization.scale") ?? "1"),
                Numbers(Get("fcn.normalization.mean"), name),
                Numbers(Get("fcn.normalization.std"), name));
        }

        return new ExportedModelMetadata(Get("fcn.model"), classes, names, normalization, Get("fcn.spec"));
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IReadOnlyList<double> Numbers(string? text, string convention)
    {
        double[] values = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray();
        if (values.Length != 3) throw new FormatException($"The model's normalization '{convention}' lists {values.Length} values per channel; an RGB model needs 3.");
        return values;
    }
}
