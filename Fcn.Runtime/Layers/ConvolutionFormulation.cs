namespace Fcn.Runtime.Layers;

/// <summary>How a <see cref="Convolution2d"/> computes its output: the same numbers, different kernels.</summary>
public enum ConvolutionFormulation
{
    /// <summary>
    /// Chosen from the input's size at each call: <see cref="MatrixProduct"/> when the layer has
    /// few output positions (see <see cref="Convolution2d.PrefersMatrixProduct"/>), otherwise <see cref="Direct"/>.
    /// </summary>
    Automatic,

    /// <summary>libtorch's <c>conv2d</c> (oneDNN on the CPU), as <c>torch.nn.Conv2d</c> computes it.</summary>
    Direct,

    /// <summary>
    /// The convolution written out as one matrix product: the input's patches as columns
    /// (<c>unfold</c>, im2col; a plain reshape for a 1x1 kernel) times the weight as an
    /// out_channels x (in_channels * k * k) matrix, plus the bias. Needs <c>groups = 1</c>.
    /// </summary>
    MatrixProduct,
}
