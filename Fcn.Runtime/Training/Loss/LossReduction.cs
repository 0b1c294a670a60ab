namespace Fcn.Runtime.Training.Loss;

/// <summary>How per-pixel loss terms are combined.</summary>
public enum LossReduction
{
    /// <summary>The paper's unnormalized sum over valid pixels (pairs with tiny learning rates like 1e-10).</summary>
    Sum,

    /// <summary>The weighted mean over valid pixels, as PyTorch's <c>cross_entropy</c> (sum of w_t * l / sum of w_t).</summary>
    Mean,
}
