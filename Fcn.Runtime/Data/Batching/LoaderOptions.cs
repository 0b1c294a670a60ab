using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Transforms;

namespace Fcn.Runtime.Data.Batching;

/// <summary>How a <see cref="SegmentationLoader"/> turns a dataset into batches.</summary>
/// <param name="Normalization">Input convention of the network.</param>
/// <param name="BatchSize">Samples per batch (1 = the paper's setting; larger batches are padded).</param>
/// <param name="Shuffle">Visit samples in a new seeded order every epoch.</param>
/// <param name="Augmentation">Joint image+mask augmentation, or null for none.</param>
/// <param name="SkipBadSamples">Skip (and count) samples that fail to load instead of throwing.</param>
/// <param name="Seed">Seed of the shuffles and augmentations.</param>
/// <param name="Binding">Which of the samples' inputs and labels feed the model's inputs and heads; null = the
/// samples' first input and first label (every plain image/mask dataset).</param>
public sealed record LoaderOptions(
    ImageNormalization Normalization,
    int BatchSize = 1,
    bool Shuffle = false,
    JointAugmentation? Augmentation = null,
    bool SkipBadSamples = false,
    long Seed = 0,
    DataBinding? Binding = null);
