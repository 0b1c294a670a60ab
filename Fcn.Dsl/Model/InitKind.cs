namespace Fcn.Dsl.Model;

/// <summary>How a layer's weights start (biases start at zero unless the kind says otherwise).</summary>
public enum InitKind
{
    /// <summary>TorchSharp's own default (Kaiming-uniform for convolutions), as PyTorch does.</summary>
    Default,
    /// <summary>All zeros: new score layers, so a finer net starts with its coarser parent's predictions.</summary>
    Zeros,
    /// <summary>Normal(0, std).</summary>
    Normal,
    /// <summary>Kaiming-normal, fan-out, for ReLU (torchvision's ResNet init).</summary>
    Kaiming,
    /// <summary>Bilinear interpolation kernel on the channel diagonal (upsampling layers).</summary>
    Bilinear,
}
