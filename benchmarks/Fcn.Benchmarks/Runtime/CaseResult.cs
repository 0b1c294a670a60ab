namespace Fcn.Benchmarks.Runtime;

/// <summary>What the harness measured for one case: generated and hand-written, timed interleaved.</summary>
/// <param name="Flops">Floating-point operations of one forward pass of the whole batch.</param>
/// <param name="GeneratedTraining">Null when the case times the forward pass only.</param>
/// <param name="Mismatch">Null when the hand-written model computes the generated model's output; else why not.</param>
public sealed record CaseResult(
    RuntimeCase Case,
    long Flops,
    long Parameters,
    Timing GeneratedForward,
    Timing HandWrittenForward,
    Timing? GeneratedTraining,
    Timing? HandWrittenTraining,
    string? Mismatch);
