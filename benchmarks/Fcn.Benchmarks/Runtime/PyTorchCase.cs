namespace Fcn.Benchmarks.Runtime;

/// <summary>One case of the PyTorch run: its parameter count and timings (no training timing for forward-only cases).</summary>
public sealed record PyTorchCase(long Parameters, Timing Forward, Timing? Training);
