using System;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>
/// The bilinear interpolation filter that FCN's upsampling layers start from (Long et al., section 3.3),
/// as in the Caffe reference's surgery and the PyTorch port's <c>get_upsampling_weight</c>.
/// </summary>
internal static class BilinearKernel
{
    /// <summary>
    /// The 1-D profile of a kernel of size <paramref name="kernel"/>:
    /// factor = floor((k+1)/2), center = factor-1 (k odd) or factor-0.5 (k even),
    /// w[x] = 1 - |x - center| / factor. The 2-D filter is its outer product.
    /// </summary>
    public static double[] Profile(long kernel)
    {
        if (kernel < 1) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "A kernel has at least one tap.");
        long factor = (kernel + 1) / 2;
        double center = kernel % 2 == 1 ? factor - 1 : factor - 0.5;
        var profile = new double[kernel];
        for (long x = 0; x < kernel; x++)
            profile[x] = 1 - Math.Abs(x - center) / factor;
        return profile;
    }

    /// <summary>
    /// A transposed-convolution weight <c>[inChannels, outChannels, k, k]</c> that interpolates every
    /// channel on its own: the filter sits on the diagonal (channel i to channel i), zero elsewhere, so
    /// classes do not leak into each other. Computed in double precision, stored as float32 on the CPU.
    /// </summary>
    public static Tensor Weight(long inChannels, long outChannels, long kernel)
    {
        double[] profile = Profile(kernel);
        var filter = new float[kernel * kernel];
        for (long y = 0; y < kernel; y++)
            for (long x = 0; x < kernel; x++)
                filter[y * kernel + x] = (float)(profile[y] * profile[x]);

        Tensor weight = zeros(inChannels, outChannels, kernel, kernel, ScalarType.Float32);
        using Tensor tile = tensor(filter, new[] { kernel, kernel });
        for (long channel = 0; channel < Math.Min(inChannels, outChannels); channel++)
        {
            using Tensor diagonal = weight[channel, channel];
            diagonal.copy_(tile);
        }
        return weight;
    }
}
