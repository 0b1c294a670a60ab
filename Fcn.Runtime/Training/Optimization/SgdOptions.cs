namespace Fcn.Runtime.Training.Optimization;

/// <summary>Stochastic gradient descent with momentum, as the FCN paper trains.</summary>
/// <param name="LearningRate">Base learning rate.</param>
/// <param name="Momentum">Momentum (paper: 0.99 with the summed loss; 0.9 is usual with a mean loss).</param>
/// <param name="WeightDecay">L2 weight decay (paper: 5e-4).</param>
/// <param name="BiasLearningRateMultiplier">Learning-rate multiplier of biases (paper/Caffe: 2).</param>
/// <param name="BiasWeightDecay">Whether biases are decayed (paper/Caffe: no).</param>
/// <param name="Schedule">Fixed (paper) or poly (torchvision).</param>
/// <param name="PolyPower">Exponent of the poly schedule (torchvision: 0.9).</param>
public sealed record SgdOptions(
    double LearningRate,
    double Momentum = 0.9,
    double WeightDecay = 5e-4,
    double BiasLearningRateMultiplier = 1.0,
    bool BiasWeightDecay = true,
    LearningRateSchedule Schedule = LearningRateSchedule.Fixed,
    double PolyPower = 0.9)
{
    /// <summary>The paper's solver: momentum 0.99, decay 5e-4, biases at 2x lr without decay, fixed lr.</summary>
    public static SgdOptions Paper(double learningRate) =>
        new(learningRate, Momentum: 0.99, WeightDecay: 5e-4, BiasLearningRateMultiplier: 2.0, BiasWeightDecay: false);

    /// <summary>torchvision's segmentation recipe: momentum 0.9, decay 1e-4, poly schedule.</summary>
    public static SgdOptions TorchVision(double learningRate) =>
        new(learningRate, Momentum: 0.9, WeightDecay: 1e-4, Schedule: LearningRateSchedule.Poly);
}
