using Fcn.Dsl.Model;

namespace Fcn.Dsl.Analysis;

/// <summary>
/// Learnable parameters of each kind of layer, as PyTorch counts them (<c>numel</c> of every
/// parameter; batch-norm running statistics are buffers and do not count).
/// </summary>
internal static class ParameterCount
{
    /// <summary><c>k*k*(in/groups)*out</c> weights, plus <c>out</c> biases.</summary>
    public static long Convolution(long inChannels, long outChannels, int kernel, int groups, bool bias) =>
        (long)kernel * kernel * (inChannels / groups) * outChannels + (bias ? outChannels : 0);

    /// <summary>
    /// An upsampling maps every channel to every channel (<c>[C, C, k, k]</c>, as the reference's
    /// <c>upscore.weight</c>), even though its bilinear start fills only the diagonal.
    /// </summary>
    public static long Upsampling(long channels, int kernel, bool bias) =>
        (long)kernel * kernel * channels * channels + (bias ? channels : 0);

    /// <summary>A weight and a bias per channel.</summary>
    public static long BatchNorm(long channels) => 2 * channels;

    /// <summary>torchvision's FCNHead: conv3x3 without bias, batch norm, then a 1x1 score conv with bias.</summary>
    public static long FcnHead(long inChannels, long channels, long outChannels) =>
        Convolution(inChannels, channels, kernel: 3, groups: 1, bias: false)
        + BatchNorm(channels)
        + Convolution(channels, outChannels, kernel: 1, groups: 1, bias: true);
}
