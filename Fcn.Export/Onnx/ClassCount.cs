using System;
using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Export.Onnx;

/// <summary>
/// The class count a state dict was trained for, read off its score layers. Every channel count of
/// the language is linear in the class count (<see cref="ChannelCount"/>), so each weight dimension is
/// <c>a * classes + b</c>; comparing the shapes the graph needs at 1 and at 2 classes gives a and b.
/// </summary>
public static class ClassCount
{
    /// <summary>The class count the first class-dependent weight implies, or null when none is in the state dict (or none fits).</summary>
    public static int? Infer(FcnModel model, IReadOnlyDictionary<string, WeightTensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        IReadOnlyList<(string Key, long[] Shape)> one = OnnxExport.RequiredWeights(model, new OnnxExportOptions(Classes: 1));
        IReadOnlyList<(string Key, long[] Shape)> two = OnnxExport.RequiredWeights(model, new OnnxExportOptions(Classes: 2));
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
}
