using System;
using System.Collections.Generic;
using Fcn.Runtime;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Support;

/// <summary>
/// A model whose scores are its inputs: input <c>a</c> (2 channels) is head <c>sem</c>'s scores, input <c>b</c>
/// (3 channels) head <c>geo</c>'s, so a test decides every prediction by hand.
/// </summary>
internal sealed class TwoHeadPassthrough : nn.Module<Tensor, Tensor>, ISegmentationModel
{
    public TwoHeadPassthrough()
        : base(nameof(TwoHeadPassthrough))
    {
        Info = new FcnModelInfo(nameof(TwoHeadPassthrough), null, 2, 5, 0, 1, 1, Array.Empty<FcnNodeInfo>(), new[] { "sem", "geo" }, "test", "")
        {
            Inputs = new[] { new FcnInputInfo("a", 2), new FcnInputInfo("b", 3) },
            OutputClasses = new[] { 2, 3 },
            Heads = new[] { "sem", "geo" },
        };
    }

    public FcnModelInfo Info { get; }

    public override Tensor forward(Tensor input) => ForwardOutputs(input)[0];

    public IReadOnlyList<Tensor> ForwardOutputs(Tensor stacked) => new[] { stacked.narrow(1, 0, 2), stacked.narrow(1, 2, 3) };
}
