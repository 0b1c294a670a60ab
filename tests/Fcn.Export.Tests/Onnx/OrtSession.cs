using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// Runs an ONNX file in ONNX Runtime's CPU provider on two threads (the CI machine has two cores), with
/// the basic graph optimizations (constant folding, Conv+BatchNorm fusion and the like). The layout
/// optimizations of ORT_ENABLE_ALL take 16 s to open a 540 MB VGG16 net here against 3 s, and change
/// how, not what, the graph computes; the engine's tests run ORT_ENABLE_ALL on the tiny net.
/// </summary>
internal static class OrtSession
{
    public sealed record Output(long[] Shape, float[] Data);

    public static InferenceSession Open(string path)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            IntraOpNumThreads = 2,
            InterOpNumThreads = 1,
        };
        // In one process with libtorch: no idle spinning against its threads.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new InferenceSession(path, options);
    }

    /// <summary>Every output by name, for one input <paramref name="data"/> of <paramref name="shape"/>.</summary>
    public static Dictionary<string, Output> Run(InferenceSession session, float[] data, long[] shape) =>
        Run(session, new Dictionary<string, (float[] Data, long[] Shape)> { [session.InputNames[0]] = (data, shape) });

    /// <summary>Every output by name, for the inputs given by name (a fusion net's color and hha).</summary>
    public static Dictionary<string, Output> Run(InferenceSession session, IReadOnlyDictionary<string, (float[] Data, long[] Shape)> inputs)
    {
        var values = inputs.Select(input => OrtValue.CreateTensorValueFromMemory(input.Value.Data, input.Value.Shape)).ToList();
        try
        {
            using var runOptions = new RunOptions();
            IReadOnlyList<string> names = session.OutputNames;
            using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, inputs.Keys.ToList(), values, names);
            var result = new Dictionary<string, Output>(StringComparer.Ordinal);
            for (int i = 0; i < names.Count; i++)
                result[names[i]] = new Output(outputs[i].GetTensorTypeAndShape().Shape, outputs[i].GetTensorDataAsSpan<float>().ToArray());
            return result;
        }
        finally
        {
            foreach (OrtValue value in values) value.Dispose();
        }
    }
}
