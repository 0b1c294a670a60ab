using System.Collections.Generic;
using static TorchSharp.torch;

namespace Fcn.Runtime;

/// <summary>
/// What every generated FCN offers besides its typed <c>forward</c>: a static description of the
/// network and a uniform way to run it, so tools (training, evaluation, the CLI) can drive any
/// generated model without knowing its concrete output type.
/// </summary>
public interface ISegmentationModel
{
    /// <summary>The network as the spec described it: nodes, strides, offsets, parameter counts.</summary>
    FcnModelInfo Info { get; }

    /// <summary>
    /// Runs the network on a batch <c>[N, C, H, W]</c> and returns its outputs in the order of
    /// <see cref="FcnModelInfo.Outputs"/>: the main prediction first, then auxiliary outputs.
    /// </summary>
    IReadOnlyList<Tensor> ForwardOutputs(Tensor input);
}
