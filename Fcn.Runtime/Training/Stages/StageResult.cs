using Fcn.Runtime.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training.Stages;

/// <summary>What one stage produced. The caller owns (and disposes) <see cref="Model"/>.</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Model">The trained model.</param>
/// <param name="Result">How its training ended.</param>
/// <param name="Initialization">How it was initialized from the previous stage; null for the first stage.</param>
public sealed record StageResult(string Stage, nn.Module Model, TrainingResult Result, WeightLoadReport? Initialization);
