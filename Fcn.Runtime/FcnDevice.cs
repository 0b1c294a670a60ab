using static TorchSharp.torch;

namespace Fcn.Runtime;

/// <summary>Where models and their inputs live. One device per model: nothing in forward moves data to the host.</summary>
public static class FcnDevice
{
    /// <summary>CUDA when libtorch was built with it and a GPU is visible, else the CPU.</summary>
    public static Device Default => cuda.is_available() ? CUDA : CPU;
}
