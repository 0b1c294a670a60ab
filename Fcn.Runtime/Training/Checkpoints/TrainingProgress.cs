namespace Fcn.Runtime.Training.Checkpoints;

/// <summary>Where a run stands; with the seed, this is all the randomness state the data pipeline needs.</summary>
/// <param name="Epoch">The epoch in progress (0-based).</param>
/// <param name="BatchInEpoch">The next batch to train within <paramref name="Epoch"/>.</param>
/// <param name="Step">Optimizer updates done so far.</param>
/// <param name="BestMeanIU">Best validation mean IU so far (NaN before the first validation).</param>
/// <param name="Seed">The run's seed; every shuffle, augmentation and loss sample derives from it.</param>
/// <param name="LastMeanIU">The latest validation's mean IU (NaN before the first validation): what a run
/// resumed after its last epoch reports, having nothing left to validate.</param>
public sealed record TrainingProgress(int Epoch, int BatchInEpoch, long Step, double BestMeanIU, long Seed, double LastMeanIU = double.NaN)
{
    /// <summary>The state of a run that has not started.</summary>
    public static TrainingProgress Start(long seed) => new(0, 0, 0, double.NaN, seed);
}
