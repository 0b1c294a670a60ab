namespace Fcn.Export.PyTorch;

/// <summary>The Python text of each <see cref="PythonHelper"/>, and the imports it needs beyond torch.</summary>
internal static class PythonHelperSource
{
    /// <summary>An extra import line the helper needs, or null.</summary>
    public static string? Import(PythonHelper helper) => helper == PythonHelper.ResNetTrunk ? "import torchvision" : null;

    public static string Text(PythonHelper helper) => helper switch
    {
        PythonHelper.BilinearKernel => BilinearKernel,
        PythonHelper.CropLike => CropLike,
        PythonHelper.ResNetTrunk => ResNetTrunk,
        _ => throw new System.ArgumentOutOfRangeException(nameof(helper), helper, null),
    };

    // The filter of the reference implementation's surgery.upsample_filt (shelhamer/fcn.berkeleyvision.org),
    // placed on the channel diagonal as its interp() does, so classes do not leak into each other.
    private const string BilinearKernel = """"
        def bilinear_kernel(in_channels, out_channels, kernel_size):
            """The weight of a transposed convolution that starts as bilinear interpolation (Long et al., section 3.3).

            The 1-D profile is 1 - |x - center| / factor with factor = (k + 1) // 2 and center = factor - 1 (k odd)
            or factor - 0.5 (k even); the 2-D filter is its outer product, on the channel diagonal only.
            """
            factor = (kernel_size + 1) // 2
            center = factor - 1 if kernel_size % 2 == 1 else factor - 0.5
            taps = torch.arange(kernel_size, dtype=torch.float64)
            profile = 1 - (taps - center).abs() / factor
            weight = torch.zeros(in_channels, out_channels, kernel_size, kernel_size)
            for channel in range(min(in_channels, out_channels)):
                weight[channel, channel] = torch.outer(profile, profile).float()
            return weight
        """";

    private const string CropLike = """"
        def crop_like(x, reference, offset):
            """x[:, :, offset:offset + H, offset:offset + W] with H, W the reference's height and width (Caffe's crop layer).

            The offsets are constants that the spec compiler computed from the layers' coordinate maps.
            """
            height, width = reference.shape[-2:]
            if offset + height > x.shape[2] or offset + width > x.shape[3]:
                raise ValueError(
                    f"cannot crop {height}x{width} at offset {offset} from a {x.shape[2]}x{x.shape[3]} map: "
                    "the input may be smaller than the network allows")
            return x[:, :, offset:offset + height, offset:offset + width]
        """";

    // torchvision's own ResNet, so its ImageNet weights and its segmentation checkpoints load by key; the
    // classifier (avgpool, fc) goes, as torchvision's segmentation models drop it.
    private const string ResNetTrunk = """"
        def resnet_trunk(depth, replace_stride_with_dilation):
            """torchvision's ResNet-{50,101,152} without avgpool and fc: children conv1, bn1, relu, maxpool, layer1..layer4."""
            build = {50: torchvision.models.resnet50, 101: torchvision.models.resnet101, 152: torchvision.models.resnet152}[depth]
            trunk = build(replace_stride_with_dilation=replace_stride_with_dilation)
            del trunk.avgpool
            del trunk.fc
            return trunk


        def resnet_stages(trunk, x):
            """The four stage outputs of a trunk from resnet_trunk, by torchvision's names."""
            x = trunk.maxpool(trunk.relu(trunk.bn1(trunk.conv1(x))))
            layer1 = trunk.layer1(x)
            layer2 = trunk.layer2(layer1)
            layer3 = trunk.layer3(layer2)
            layer4 = trunk.layer4(layer3)
            return {"layer1": layer1, "layer2": layer2, "layer3": layer3, "layer4": layer4}
        """";
}
