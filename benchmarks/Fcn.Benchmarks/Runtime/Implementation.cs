namespace Fcn.Benchmarks.Runtime;

/// <summary>Who wrote the TorchSharp module: the generator, or a person (benchmarks/Fcn.Benchmarks/HandWritten).</summary>
public enum Implementation
{
    Generated,
    HandWritten,
}
