using System;
using Fcn.Runtime;
using Fcn.Runtime.Data.Transforms;
using static TorchSharp.torch;

namespace Fcn.Cli.Models;

/// <summary>A model the tool can build: its static description, its input convention and a factory.</summary>
/// <param name="Info">What the generator knows about it (name, classes, nodes...).</param>
/// <param name="Normalization">The input convention its weights expect (Caffe's for the VGG FCNs, torchvision's for the ResNets).</param>
/// <param name="Create">Builds a fresh instance for a class count; the module implements <see cref="ISegmentationModel"/>.</param>
internal sealed record ModelEntry(FcnModelInfo Info, ImageNormalization Normalization, Func<int, nn.Module> Create)
{
    public string Name => Info.Name;
}
