using System.Collections.Generic;
using System.Linq;

namespace Fcn.Benchmarks.Runtime;

/// <summary>What the harness measured for one case: one row per implementation, and the checks behind the comparison.</summary>
/// <param name="Flops">Floating-point operations of one forward pass of the whole batch.</param>
/// <param name="Checks">One sentence per comparison of outputs (hand-written, ONNX Runtime) with the generated model's.</param>
public sealed record CaseResult(RuntimeCase Case, long Flops, long Parameters, IReadOnlyList<ResultRow> Rows, IReadOnlyList<string> Checks)
{
    public ResultRow? Row(string label) => Rows.FirstOrDefault(row => row.Label == label);

    public CaseResult With(ResultRow row) => this with { Rows = Rows.Append(row).ToArray() };
}

/// <summary>One implementation's timings in a case; null where it was not timed (ONNX Runtime has no training step here).</summary>
public sealed record ResultRow(string Label, Timing? Forward, Timing? Training);

/// <summary>The labels of the rows every case has.</summary>
public static class RowLabels
{
    public const string Generated = "Generated";
    public const string GeneratedDirect = "Generated, conv2d everywhere";
    public const string Before = "Generated, before (child: conv2d, allocator untouched)";
    public const string HandWritten = "Hand-written TorchSharp";
    public const string PyTorch = "PyTorch eager";
}
