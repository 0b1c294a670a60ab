using System;
using System.Collections.Generic;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Runtime;
using Onnx;
using static TorchSharp.torch;

namespace Fcn.Export.Runtime;

/// <summary>
/// One call from a generated model to an ONNX file: <c>ModelOnnxExport.Save(new Fcn8s(21), "fcn8s.onnx")</c>.
/// The IR comes from the model's embedded spec, the weights from its state dict, the class counts from
/// its score layers (each head's own for a multi-task model). Spec parameters (<c>$name</c>) take their defaults unless
/// <see cref="OnnxExportOptions.Parameters"/> gives the values the model was built with.
/// </summary>
public static class ModelOnnxExport
{
    /// <summary>Writes <paramref name="model"/> (a generated FCN) as ONNX to <paramref name="path"/>, atomically.</summary>
    public static void Save(nn.Module model, string path, OnnxExportOptions? options = null)
    {
        (FcnModel ir, Dictionary<string, WeightTensor> weights, OnnxExportOptions resolved) = Prepare(model, options);
        OnnxExport.Save(ir, weights, path, resolved);
    }

    /// <summary>The ONNX model of <paramref name="model"/>, in memory.</summary>
    public static ModelProto Build(nn.Module model, OnnxExportOptions? options = null)
    {
        (FcnModel ir, Dictionary<string, WeightTensor> weights, OnnxExportOptions resolved) = Prepare(model, options);
        return OnnxExport.Build(ir, weights, resolved);
    }

    private static (FcnModel, Dictionary<string, WeightTensor>, OnnxExportOptions) Prepare(nn.Module model, OnnxExportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not ISegmentationModel segmentation)
            throw new ArgumentException($"{model.GetType().Name} is not a generated FCN (it does not implement ISegmentationModel).", nameof(model));
        FcnModel ir = GeneratedModelSpec.Compile(segmentation.Info);
        Dictionary<string, WeightTensor> weights = StateDictWeights.From(model);
        options ??= new OnnxExportOptions();
        if (options.Classes is null) options = options with { Classes = ClassCount.Infer(ir, weights) };
        // A multi-task model's heads (SIFT Flow's sem, geo) each read their own count off their score layers.
        if (options.OutputClasses is null && ir.ClassCounts.IsMultiTask) options = options with { OutputClasses = ClassCount.InferOutputs(ir, weights) };
        return (ir, weights, options);
    }
}
