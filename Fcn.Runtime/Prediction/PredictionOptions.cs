using Fcn.Runtime.Data.Transforms;
using static TorchSharp.torch;

namespace Fcn.Runtime.Prediction;

/// <summary>How <see cref="SegmentationPredictor"/> runs a model.</summary>
/// <param name="Normalization">The model's input convention; null = Caffe's.</param>
/// <param name="TileSize">Images with a side above this are predicted in overlapping tiles of this size; null = whole image.</param>
/// <param name="TileOverlap">Overlap of neighbouring tiles in pixels; logits in overlaps are averaged.</param>
/// <param name="BatchSize">Tiles per forward pass.</param>
/// <param name="Device">Where to run; null = <see cref="FcnDevice.Default"/>.</param>
public sealed record PredictionOptions(
    ImageNormalization? Normalization = null,
    int? TileSize = null,
    int TileOverlap = 32,
    int BatchSize = 4,
    Device? Device = null);
