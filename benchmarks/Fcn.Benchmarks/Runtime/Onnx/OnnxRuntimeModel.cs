using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime.Onnx;

/// <summary>
/// One .onnx file in an ONNX Runtime CPU session, set up as for deployment: all graph optimizations
/// (constant folding, Conv+activation fusion, NCHWc layouts), the benchmark's thread count for the
/// operators and one thread between them. Its threads spin at barriers only when libtorch's do too
/// (<c>OMP_WAIT_POLICY</c> is not PASSIVE), so both runtimes wait the same way on a shared machine.
/// </summary>
public sealed class OnnxRuntimeModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();

    public OnnxRuntimeModel(string path, int threads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        bool passive = string.Equals(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"), "PASSIVE", StringComparison.OrdinalIgnoreCase);
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", passive ? "0" : "1");
        _session = new InferenceSession(path, options);
    }

    /// <summary>Runs the model on <paramref name="input"/> (a contiguous float CPU tensor) and returns its outputs as tensors, main first.</summary>
    public IReadOnlyList<Tensor> Run(Tensor input)
    {
        float[] data = input.contiguous().data<float>().ToArray();
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(data, input.shape);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_run, _session.InputNames, new[] { value }, _session.OutputNames);
        return outputs.Select(output => tensor(output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape)).ToArray();
    }

    /// <summary>The forward pass as the harness times it: input in, outputs computed, nothing kept.</summary>
    public void Forward(Tensor input)
    {
        float[] data = input.contiguous().data<float>().ToArray();
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(data, input.shape);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_run, _session.InputNames, new[] { value }, _session.OutputNames);
    }

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }
}
