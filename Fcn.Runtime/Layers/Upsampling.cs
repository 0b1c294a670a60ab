using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>Upsampling layers: FCN's "deconvolution", a transposed convolution started as bilinear interpolation.</summary>
public static class Upsampling
{
    /// <summary>
    /// A channel-preserving transposed convolution (<paramref name="channels"/> in and out) with a
    /// bilinear kernel on the channel diagonal. The reference FCNs use no bias; with
    /// <paramref name="learnable"/> false the weight is frozen (requires_grad false), as in the
    /// Caffe reference code, which fixed the interpolation instead of learning it.
    /// </summary>
    public static ConvTranspose2d Transposed(long channels, long kernel, long stride, long padding, bool bias, bool learnable)
    {
        ConvTranspose2d upsampling = nn.ConvTranspose2d(channels, channels, kernel, stride: stride, padding: padding, bias: bias);
        Initialization.Bilinear(upsampling);
        if (!learnable) upsampling.weight!.requires_grad = false;
        return upsampling;
    }
}
