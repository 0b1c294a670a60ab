using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// A network under test, generated or hand-written, seen the same way by the harness: its module (for
/// parameters, train/eval and state dicts) and a call that returns its outputs, main first then
/// auxiliary. The call is the model's own typed <c>forward</c>, not a generic wrapper, so that nothing
/// but the model's code is timed.
/// </summary>
public sealed class SegmentationNet : IDisposable
{
    public SegmentationNet(nn.Module module, Func<Tensor, IReadOnlyList<Tensor>> run)
    {
        Module = module;
        Run = run;
    }

    public nn.Module Module { get; }

    public Func<Tensor, IReadOnlyList<Tensor>> Run { get; }

    public void Dispose() => Module.Dispose();
}
