using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training.Stages;

/// <summary>One stage of stage-wise training (e.g. FCN-32s, then FCN-16s, then FCN-8s).</summary>
/// <param name="Name">Shown in reports, e.g. <c>32s</c>.</param>
/// <param name="CreateModel">Builds the stage's fresh model (an <see cref="nn.Module"/> implementing <see cref="ISegmentationModel"/>).</param>
/// <param name="Options">The stage's training options (the paper lowers the learning rate per stage: 1e-10, 1e-12, 1e-14).
/// Give each stage its own checkpoint directory.</param>
public sealed record TrainingStage(string Name, Func<nn.Module> CreateModel, TrainingOptions Options);
