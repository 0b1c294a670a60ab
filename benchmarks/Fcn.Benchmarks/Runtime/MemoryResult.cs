namespace Fcn.Benchmarks.Runtime;

/// <summary>Peak resident memory (bytes) of one case and mode, each implementation in its own process.</summary>
public sealed record MemoryResult(RuntimeCase Case, string Mode, long Generated, long HandWritten);
