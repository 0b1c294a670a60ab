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
/// generated model's fresh initialization. The generated model is the built-in of the spec's name (the
/// catalogue's or the zoo's, <see cref="ExportModels"/>), and only used when its embedded spec equals the one given.
/// </summary>
/// <param name="Counts">The class counts: the spec-wide one and, for a multi-task net, each head's own.</param>
/// <param name="Inputs">The convention of each spec input whose convention is known, by input name.</param>
internal sealed record ExportSource(FcnModel Model, IReadOnlyDictionary<string, WeightTensor> Weights, ClassCounts Counts, IReadOnlyDictionary<string, InputNormalization> Inputs)
{
    /// <summary>The first (main) output's class count: what --class-names lists.</summary>
    public int Classes => (int)Model.Nodes.First(node => node.Name == Model.Outputs[0].Node).Analysis.Channels.Evaluate(Counts);

    /// <summary><c>21 classes</c>, or a multi-task net's <c>sem 33, geo 3 classes</c>.</summary>
    public string ClassesText => (Counts.IsMultiTask ? Counts.ToString() : Classes.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " classes";

    /// <exception cref="UserError">The weights cannot be read, or nothing can initialize the model.</exception>
    public static ExportSource Resolve(FcnModel model, string? weightsPath, int? classes, ImageNormalization? normalization, Terminal terminal)
    {
        // A multi-task net whose every layer scores one head's classes has no use for the spec-wide count.
        if (classes is not null && !model.ConstructorClassSets.Contains(null))
            throw new UserError($"--classes {classes}: every head of {model.TypeName} has its own class count ({model.ClassCounts}); "
                + "leave --classes out: with --weights each head's count is read off its score layers.");
        ExportModel? generated = ExportModels.Find(model.TypeName) is { } entry && entry.Info.Spec == model.CanonicalSpec ? entry : null;
        // --normalization names an RGB convention: it applies to every 3-channel input (not to NYUD's 1-channel depth).
        IReadOnlyDictionary<string, InputNormalization> inputs = normalization is not null
            ? model.InputNodes.Where(input => input.Analysis.Channels == ChannelCount.Of(3)).ToDictionary(input => input.Name, _ => ExportModels.From(normalization), StringComparer.Ordinal)
            : generated?.Inputs ?? new Dictionary<string, InputNormalization>();

        if (weightsPath is not null && !string.Equals(Path.GetExtension(weightsPath), WeightsFile.CheckpointExtension, StringComparison.OrdinalIgnoreCase))
        {
            Dictionary<string, WeightTensor> weights = ReadStateDict(weightsPath);
            ClassCounts fitted = CountsOf(model, classes ?? ClassCount.Infer(model, weights) ?? model.Classes, ClassCount.InferOutputs(model, weights));
            return new ExportSource(model, weights, fitted, inputs);
        }

        if (generated is null)
        {
            string what = weightsPath is null ? "a fresh initialization" : "a checkpoint";
            throw new UserError($"{model.TypeName}: {what} needs the generated model, and the built-in one of that name "
                + (ExportModels.Find(model.TypeName) is null ? "does not exist" : "was built from another spec")
                + "; pass --weights with a .pt/.pth or .safetensors state dict for this spec.");
        }

        ClassCounts counts = CountsOf(model, classes ?? generated.Info.Classes, null);
        using nn.Module module = generated.Create(counts);
        if (weightsPath is not null) WeightsFile.LoadInto(module, generated.Name, weightsPath, terminal, terminal.Verbose);
        return new ExportSource(model, StateDictWeights.From(module), counts, inputs);
    }

    /// <summary>The options every ONNX-based format passes on (class counts, the inputs' conventions for the metadata).</summary>
    public OnnxExportOptions OnnxOptions(IReadOnlyList<string>? classNames) => new(
        Classes: Counts.Default,
        ClassNames: classNames,
        // The model-wide key (fcn.normalization) that single-input clients read; a fusion net has one per input.
        Normalization: Model.HasSeveralInputs ? null : Inputs.GetValueOrDefault(Model.InputNodes[0].Name),
        OutputClasses: Counts.PerOutput.ToDictionary(own => own.Output, own => own.Classes, StringComparer.Ordinal),
        InputNormalizations: Inputs);

    private static ClassCounts CountsOf(FcnModel model, int classes, IReadOnlyDictionary<string, int>? outputClasses)
    {
        try
        {
            return ClassCount.Resolve(model, new OnnxExportOptions(Classes: classes, OutputClasses: outputClasses));
        }
        catch (ArgumentException exception)
        {
            throw new UserError($"{model.TypeName}: {exception.Message}", exception);
        }
    }

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
            throw new UserError($"{weightsPath ?? "the fresh weights"}: the weights do not fit {Model.TypeName} at {ClassesText} "
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
