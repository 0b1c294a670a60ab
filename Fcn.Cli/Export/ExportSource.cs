using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Cli.Weights;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Weights;
using static TorchSharp.torch;

namespace Fcn.Cli.Export;

/// <summary>
/// What <c>fcn export</c> exports, whatever the format: the spec's IR and a state dict that fits it.
/// The state dict comes from <c>--weights</c> (a .pt/.pth or safetensors file, read as it is, for any
/// spec; or a checkpoint of <c>fcn train</c>, loaded into the generated model), or without it from the
/// generated model's fresh initialization. The generated model is the built-in of the spec's name,
/// and only used when its embedded spec equals the one given.
/// </summary>
internal sealed record ExportSource(FcnModel Model, IReadOnlyDictionary<string, WeightTensor> Weights, int Classes, ImageNormalization? Normalization)
{
    /// <exception cref="UserError">The weights cannot be read, or nothing can initialize the model.</exception>
    public static ExportSource Resolve(FcnModel model, string? weightsPath, int? classes, ImageNormalization? normalization, Terminal terminal)
    {
        ModelEntry? generated = BuiltInModels.Find(model.TypeName) is { } entry && entry.Info.Spec == model.CanonicalSpec ? entry : null;
        normalization ??= generated?.Normalization;

        if (weightsPath is not null && !string.Equals(Path.GetExtension(weightsPath), WeightsFile.CheckpointExtension, StringComparison.OrdinalIgnoreCase))
        {
            Dictionary<string, WeightTensor> weights = ReadStateDict(weightsPath);
            int fitted = classes ?? ClassCount.Infer(model, weights) ?? model.Classes;
            return new ExportSource(model, weights, fitted, normalization);
        }

        if (generated is null)
        {
            string what = weightsPath is null ? "a fresh initialization" : "a checkpoint";
            throw new UserError($"{model.TypeName}: {what} needs the generated model, and the built-in one of that name "
                + (BuiltInModels.Find(model.TypeName) is null ? "does not exist" : "was built from another spec")
                + "; pass --weights with a .pt/.pth or .safetensors state dict for this spec.");
        }

        int count = classes ?? generated.Info.Classes;
        using nn.Module module = generated.Create(count);
        if (weightsPath is not null) WeightsFile.LoadInto(module, generated.Name, weightsPath, terminal, terminal.Verbose);
        return new ExportSource(model, StateDictWeights.From(module), count, normalization);
    }

    /// <summary>The options every ONNX-based format passes on (classes, normalization for the metadata).</summary>
    public OnnxExportOptions OnnxOptions(IReadOnlyList<string>? classNames) => new(
        Classes: Classes,
        ClassNames: classNames,
        Normalization: Normalization is null ? null : new InputNormalization(Normalization.Name, Normalization.ToBgr, Normalization.Scale, Normalization.Mean, Normalization.Std));

    /// <summary>
    /// Builds the ONNX model; weights that do not fit print the key table on the error stream and stop
    /// the export before any file is written.
    /// </summary>
    /// <exception cref="UserError">The weights do not fit the spec.</exception>
    public Onnx.ModelProto BuildOnnx(string? weightsPath, IReadOnlyList<string>? classNames, Terminal terminal)
    {
        try
        {
            return OnnxExport.Build(Model, Weights, OnnxOptions(classNames));
        }
        catch (WeightMismatchException exception)
        {
            terminal.Error.Write(exception.Fit.ToTable());
            throw new UserError($"{weightsPath ?? "the fresh weights"}: the weights do not fit {Model.TypeName} at {Classes} classes "
                + "(table above); pass the weights trained for this spec, or --classes for another class count.", exception);
        }
    }

    private static Dictionary<string, WeightTensor> ReadStateDict(string path)
    {
        Dictionary<string, Tensor> stateDict;
        try
        {
            stateDict = StateDictFile.Read(path);
        }
        catch (WeightFileException exception)
        {
            throw new UserError($"{path}: {exception.Message}; pass a .pt/.pth (torch.save) or .safetensors state dict, or a checkpoint of fcn train (.ckpt).", exception);
        }

        try
        {
            return StateDictWeights.From(stateDict);
        }
        finally
        {
            foreach (Tensor tensor in stateDict.Values) tensor.Dispose();
        }
    }
}
