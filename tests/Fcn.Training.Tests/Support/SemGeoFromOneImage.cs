using System;
using System.Collections.Generic;
using Fcn.Runtime;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Support;

/// <summary>
/// A single-input, two-head model as SIFT Flow's, whose scores are its normalized input's channels: head <c>sem</c>
/// scores channels 0 and 1, head <c>geo</c> channels 1 and 2, so a test decides every prediction by hand.
/// </summary>
internal sealed class SemGeoFromOneImage : nn.Module<Tensor, Tensor>, ISegmentationModel
{
    public SemGeoFromOneImage()
        : base(nameof(SemGeoFromOneImage))
    {
        Info = new FcnModelInfo(nameof(SemGeoFromOneImage), null, 2, 3, 0, 1, 1, Array.Empty<FcnNodeInfo>(), new[] { "sem", "geo" }, "test", "")
        {
            OutputClasses = new[] { 2, 2 },
            Heads = new[] { "sem", "geo" },
        };
    }

    public FcnModelInfo Info { get; }

    public override Tensor forward(Tensor input) => ForwardOutputs(input)[0];

    public IReadOnlyList<Tensor> ForwardOutputs(Tensor input) => new[] { input.narrow(1, 0, 2), input.narrow(1, 1, 2) };
}
