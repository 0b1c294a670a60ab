using System;
using System.Collections.Generic;
using System.IO;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Runtime.Weights;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime.Onnx;

/// <summary>
/// The project's own exporter (Fcn.Export's OnnxExport over the spec's IR, what <c>fcn export --format
/// onnx</c> writes) of the generated model, with the same state dict the torch.onnx row loads: by default
/// with symbolic batch, height and width (one file for every size), or fixed to the case's input size,
/// as torch.onnx's trace is (<see cref="OnnxExportOptions.FixedSize"/>).
/// </summary>
public sealed class ProjectOnnxExport : IOnnxModelSource
{
    public const string RowLabel = "ONNX Runtime (project's export)";
    public const string FixedSizeRowLabel = "ONNX Runtime (project's export, fixed size)";

    private readonly bool fixedSize;

    public ProjectOnnxExport(bool fixedSize = false) => this.fixedSize = fixedSize;

    public string Label => fixedSize ? FixedSizeRowLabel : RowLabel;

    public string? Export(RuntimeCase runtimeCase, string stateDictPath, string directory)
    {
        FcnModel model = GeneratedModelSpec.Compile(ModelSpecs.Description(runtimeCase.Model));
        Dictionary<string, Tensor> stateDict = StateDictFile.Read(stateDictPath);
        Dictionary<string, WeightTensor> weights;
        try
        {
            weights = StateDictWeights.From(stateDict);
        }
        finally
        {
            foreach (Tensor tensor in stateDict.Values) tensor.Dispose();
        }

        string output = Path.Combine(directory, runtimeCase.Key.Replace(':', '-') + (fixedSize ? ".project-fixed.onnx" : ".project.onnx"));
        try
        {
            OnnxExport.Save(model, weights, output, new OnnxExportOptions(
                Classes: ClassCount.Infer(model, weights),
                FixedSize: fixedSize ? new FixedInputSize(runtimeCase.Batch, runtimeCase.Size, runtimeCase.Size) : null));
            return output;
        }
        catch (WeightMismatchException exception)
        {
            Console.WriteLine($"  {Label}: the state dict does not fit {model.TypeName} ({exception.Message}); the row stays empty.");
            return null;
        }
    }
}
