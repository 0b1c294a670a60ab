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
/// onnx</c> writes) of the generated model, with the same state dict the torch.onnx row loads.
/// </summary>
public sealed class ProjectOnnxExport : IOnnxModelSource
{
    public const string RowLabel = "ONNX Runtime (project's export)";

    public string Label => RowLabel;

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

        string output = Path.Combine(directory, runtimeCase.Key.Replace(':', '-') + ".project.onnx");
        try
        {
            OnnxExport.Save(model, weights, output, new OnnxExportOptions(Classes: ClassCount.Infer(model, weights)));
            return output;
        }
        catch (WeightMismatchException exception)
        {
            Console.WriteLine($"  {Label}: the state dict does not fit {model.TypeName} ({exception.Message}); the row stays empty.");
            return null;
        }
    }
}
