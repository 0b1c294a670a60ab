using System.Collections.Generic;

namespace Fcn.Benchmarks.Runtime;

/// <summary>What benchmarks/pytorch_eager.py measured, read from its JSON.</summary>
/// <param name="Cases">By case key (<c>fcn8s:64:1</c>).</param>
/// <param name="PeakMemory">Bytes by <c>case/mode</c> (<c>fcn8s:64:1/training</c>; <c>baseline/baseline</c> for torch alone).</param>
public sealed record PyTorchResults(
    string TorchVersion,
    string TorchVisionVersion,
    int Threads,
    double MatmulGigaflops,
    IReadOnlyDictionary<string, PyTorchCase> Cases,
    IReadOnlyDictionary<string, long> PeakMemory);
