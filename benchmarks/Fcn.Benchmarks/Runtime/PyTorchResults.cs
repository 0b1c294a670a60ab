using System.Collections.Generic;

namespace Fcn.Benchmarks.Runtime;

/// <summary>What benchmarks/pytorch_eager.py measured, read from its JSON.</summary>
public sealed record PyTorchResults(
    string TorchVersion,
    string TorchVisionVersion,
    int Threads,
    double MatmulGigaflops,
    IReadOnlyDictionary<string, PyTorchCase> Cases,
    IReadOnlyDictionary<string, long> PeakMemory);

/// <summary>One case of the PyTorch run; the key of <see cref="PyTorchResults.PeakMemory"/> is <c>case/mode</c>.</summary>
public sealed record PyTorchCase(long Parameters, Timing Forward, Timing Training);
