using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Training.Loss;
using Fcn.Runtime.Training.Optimization;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training;

/// <summary>Everything that defines a training run, besides the model and the data.</summary>
/// <param name="Optimizer">SGD settings.</param>
/// <param name="Epochs">Epochs to train.</param>
/// <param name="MaxSteps">Stop (with a checkpoint) after this many optimizer steps in all, or null to run all epochs.
/// The schedule still spans all epochs, so a run stopped at k and resumed equals an uninterrupted run.</param>
/// <param name="BatchSize">Images per forward pass (padded batches above 1).</param>
/// <param name="GradientAccumulation">Forward passes per optimizer step (Caffe's iter_size; each pass's loss is divided by it).</param>
/// <param name="Loss">Loss settings; null = mean over valid pixels, ignore 255.</param>
/// <param name="AuxiliaryLossWeight">Weight of each auxiliary output's loss (torchvision: 0.5).</param>
/// <param name="Normalization">Input convention; null = Caffe's (BGR, mean subtracted).</param>
/// <param name="Augmentation">Joint augmentation of training samples, or null.</param>
/// <param name="SkipBadSamples">Skip and count unreadable samples instead of stopping.</param>
/// <param name="Seed">Seed of every random choice of the run (torch's generator included).</param>
/// <param name="CheckpointDirectory">Where <c>last.ckpt</c> and <c>best.ckpt</c> go, or null for none.</param>
/// <param name="Device">Where to train; null = <see cref="FcnDevice.Default"/>.</param>
/// <param name="ClassNames">Class names for reports, or null.</param>
/// <param name="Binding">How the data's named inputs and labels feed the model's inputs and heads (name maps, per-head
/// void labels and loss weights); null = match by name, a single input or label binding whatever its name.</param>
/// <param name="HeadClasses">The class count of each head as the model was built, checked against the data's; null = not checked.</param>
public sealed record TrainingOptions(
    SgdOptions Optimizer,
    int Epochs = 1,
    long? MaxSteps = null,
    int BatchSize = 1,
    int GradientAccumulation = 1,
    SegmentationLossOptions? Loss = null,
    double AuxiliaryLossWeight = 0.5,
    ImageNormalization? Normalization = null,
    JointAugmentation? Augmentation = null,
    bool SkipBadSamples = false,
    long Seed = 0,
    string? CheckpointDirectory = null,
    Device? Device = null,
    string[]? ClassNames = null,
    DataBindingOptions? Binding = null,
    System.Collections.Generic.IReadOnlyList<int>? HeadClasses = null);
