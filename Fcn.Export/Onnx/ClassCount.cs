using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Export.Onnx;

/// <summary>
/// The class counts a state dict was trained for, read off its score layers. Every channel count of
/// the language is linear in a class count (<see cref="ChannelCount"/>), so each weight dimension is
/// <c>a * classes + b</c>; comparing the shapes the graph needs at 1 and at 2 classes gives a and b.
/// A multi-task spec (SIFT Flow: <c>sem</c>, <c>geo</c>) has one class count per output that declares
/// its own; each is read off the weights that depend on it alone.
/// </summary>
public static class ClassCount
{
    /// <summary>The spec-wide class count (<c>classes:</c>) the first weight depending on it implies, or null when none is in the state dict (or none fits).</summary>
    public static int? Infer(FcnModel model, IReadOnlyDictionary<string, WeightTensor> stateDict) => InferSet(model, stateDict, classSet: null);

    /// <summary>
    /// The class count of each output that declares its own (<c>outputs: { sem: { classes: 33 } }</c>) as the
    /// state dict's weights imply it, by output name; outputs whose weights are absent are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, int> InferOutputs(FcnModel model, IReadOnlyDictionary<string, WeightTensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(model);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (OutputClasses own in model.ClassCounts.PerOutput)
            if (InferSet(model, stateDict, own.Output) is int classes) counts[own.Output] = classes;
        return counts;
    }

    /// <summary>
    /// The class counts an export evaluates the spec's channels at: <see cref="OnnxExportOptions.Classes"/> (else the
    /// spec's <c>classes:</c>) and each output's own, overridden by <see cref="OnnxExportOptions.OutputClasses"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An override names an output without its own class count, or a count is below 1.</exception>
    public static ClassCounts Resolve(FcnModel model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        int classes = options.Classes ?? model.Classes;
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(options), classes, "A segmentation model needs at least one class.");
        IReadOnlyDictionary<string, int> overrides = options.OutputClasses ?? new Dictionary<string, int>();
        foreach (var (output, count) in overrides)
        {
            if (!model.ClassCounts.PerOutput.Any(own => own.Output == output))
                throw new ArgumentException($"{model.TypeName} has no output '{output}' with its own class count; its outputs with their own are: "
                    + (model.ClassCounts.IsMultiTask ? string.Join(", ", model.ClassCounts.PerOutput.Select(own => own.Output)) : "none") + ".", nameof(options));
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(options), count, $"Output '{output}' needs at least one class.");
        }

        var perOutput = model.ClassCounts.PerOutput
            .Select(own => overrides.TryGetValue(own.Output, out int given) ? own with { Classes = given } : own)
            .ToArray();
        return new ClassCounts(classes, new EquatableArray<OutputClasses>(perOutput));
    }

    /// <summary>The count of one class set (null: the spec's <c>classes:</c>), the others held at their defaults.</summary>
    private static int? InferSet(FcnModel model, IReadOnlyDictionary<string, WeightTensor> stateDict, string? classSet)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        IReadOnlyList<(string Key, long[] Shape)> one = OnnxExport.RequiredWeights(model, At(classSet, 1));
        IReadOnlyList<(string Key, long[] Shape)> two = OnnxExport.RequiredWeights(model, At(classSet, 2));
        for (int i = 0; i < one.Count; i++)
        {
            if (!stateDict.TryGetValue(one[i].Key, out WeightTensor? tensor) || tensor.Shape.Length != one[i].Shape.Length) continue;
            for (int d = 0; d < one[i].Shape.Length; d++)
            {
                long perClass = two[i].Shape[d] - one[i].Shape[d];
                if (perClass == 0) continue;
                long fixedPart = one[i].Shape[d] - perClass;
                long classes = (tensor.Shape[d] - fixedPart) / perClass;
                if (classes >= 1 && classes * perClass + fixedPart == tensor.Shape[d] && classes <= int.MaxValue) return (int)classes;
            }
        }

        return null;
    }

    private static OnnxExportOptions At(string? classSet, int classes) => classSet is null
        ? new OnnxExportOptions(Classes: classes)
        : new OnnxExportOptions(OutputClasses: new Dictionary<string, int>(StringComparer.Ordinal) { [classSet] = classes });
}
