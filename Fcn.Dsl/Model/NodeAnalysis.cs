namespace Fcn.Dsl.Model;

/// <summary>
/// What the validator computed for a node's output, before any tensor exists.
/// Coordinates follow Caffe's coord_map: output pixel x covers input pixel <c>Stride * x + Offset</c>.
/// </summary>
/// <param name="Channels">Output channels.</param>
/// <param name="Stride">Output stride relative to the input (32 after pool5, 1 after the last upsampling).</param>
/// <param name="Offset">Alignment offset in input pixels; crops are computed from differences of offsets.</param>
/// <param name="ReceptiveField">Receptive field in input pixels (one side).</param>
/// <param name="Parameters">Learnable parameters of this node at the spec's default class count.</param>
public sealed record NodeAnalysis(ChannelCount Channels, Rational Stride, Rational Offset, long ReceptiveField, long Parameters);
