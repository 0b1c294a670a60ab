namespace Fcn.Export.PyTorch;

/// <summary>
/// Functions the emitted module defines above the class, each only when a layer needs it, so a module
/// reads as what its spec uses. Their text is in <see cref="PythonHelperSource"/>.
/// </summary>
internal enum PythonHelper
{
    /// <summary>The bilinear upsampling kernel (FCN's "deconvolution" start).</summary>
    BilinearKernel,

    /// <summary>Caffe's crop layer: a window of a map at an offset, the size of a reference map.</summary>
    CropLike,

    /// <summary>torchvision's ResNet without its classifier, and a forward that returns its four stages.</summary>
    ResNetTrunk,
}
