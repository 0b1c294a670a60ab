using System.Collections.Generic;
using TorchSharp.Modules;

namespace Fcn.Runtime.Layers;

/// <summary>A module whose forward pass runs convolutions straight into batch norms, through <see cref="Convolution2d.ForwardThrough"/>.</summary>
public interface IBatchNormPairs
{
    /// <summary>Each convolution with the batch norm that normalizes its output, and nothing in between.</summary>
    IEnumerable<(Convolution2d Convolution, BatchNorm2d Norm)> BatchNormPairs { get; }
}
