using System.Collections.Generic;

namespace Fcn.Runtime.Training.Loss;

/// <summary>Options of <see cref="SegmentationLoss"/>.</summary>
/// <param name="Reduction">Sum (paper) or mean over valid pixels.</param>
/// <param name="ClassWeights">Per-class weights (class balancing), or null for all 1.</param>
/// <param name="IgnoreIndex">The void label, excluded from the loss.</param>
/// <param name="SampleFraction">Loss sampling (paper 3.4): the fraction of valid spatial terms kept, each
/// pixel independently with this probability; 1 keeps all.</param>
public sealed record SegmentationLossOptions(
    LossReduction Reduction = LossReduction.Mean,
    IReadOnlyList<double>? ClassWeights = null,
    long IgnoreIndex = 255,
    double SampleFraction = 1.0);
