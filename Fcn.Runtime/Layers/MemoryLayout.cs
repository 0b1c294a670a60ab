using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>
/// The memory layout a model's convolutions compute in: the same shapes (N x C x H x W) and numbers, different
/// strides, so different kernels.
/// </summary>
public enum MemoryLayout
{
    /// <summary>
    /// <see cref="ChannelsLast"/> while autograd records nothing (inference: <c>inference_mode</c>, <c>no_grad</c>;
    /// <c>fcn predict</c>, <c>fcn eval</c>, the trainer's validation), <see cref="AsGiven"/> while it does
    /// (training): measured with <c>Fcn.Benchmarks layout</c>, channels-last speeds up the forward pass and not
    /// the training step (docs/benchmarks.md).
    /// </summary>
    Automatic,

    /// <summary>The input as it comes: libtorch's default, NCHW-contiguous for images.</summary>
    AsGiven,

    /// <summary>
    /// The input made channels-last (NHWC in memory; PyTorch's <c>torch.channels_last</c>) where it is not
    /// already. libtorch's CPU convolution, batch norm, pooling, ReLU and sums then run oneDNN's channels-last
    /// kernels and return channels-last outputs, so after the first layer nothing more is copied.
    /// </summary>
    ChannelsLast,
}

/// <summary>A module that picks the memory layout its convolutions run in (<see cref="Convolution2d"/>, the ResNet trunk).</summary>
public interface IMemoryLayoutChoice
{
    /// <summary>The layout; <see cref="MemoryLayouts.Default"/> unless set.</summary>
    MemoryLayout Layout { get; set; }
}

/// <summary>The process-wide default, the switch over a whole model, and the conversion itself.</summary>
/// <remarks>
/// TorchSharp 0.107 has no <c>memory_format</c> argument, but libtorch chooses its channels-last kernels from
/// the strides alone: <c>x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)</c> is PyTorch's
/// <c>x.contiguous(memory_format=torch.channels_last)</c>. The parameters and state-dict keys stay as they are;
/// the model's outputs come back channels-last, which every consumer here reads through <c>contiguous()</c>.
/// Measured with <c>Fcn.Benchmarks layout</c> (docs/benchmarks.md).
/// </remarks>
public static class MemoryLayouts
{
    /// <summary>The environment variable that sets the default: <c>automatic</c>, <c>channels-last</c> or <c>as-given</c>.</summary>
    public const string SwitchVariable = "FCN_MEMORY_LAYOUT";

    /// <summary>What <see cref="SwitchVariable"/> says, read when a module is made; <see cref="MemoryLayout.Automatic"/> unless set.</summary>
    public static MemoryLayout Default =>
        Environment.GetEnvironmentVariable(SwitchVariable)?.Trim().ToLowerInvariant() switch
        {
            "channels-last" => MemoryLayout.ChannelsLast,
            "as-given" or "off" => MemoryLayout.AsGiven,
            _ => MemoryLayout.Automatic,
        };

    /// <summary>Sets <paramref name="layout"/> on every module of <paramref name="module"/> (itself included) that chooses one; returns how many.</summary>
    public static int Use(nn.Module module, MemoryLayout layout)
    {
        ArgumentNullException.ThrowIfNull(module);
        int count = 0;
        foreach (IMemoryLayoutChoice choice in module.modules().Prepend(module).OfType<IMemoryLayoutChoice>().Distinct())
        {
            choice.Layout = layout;
            count++;
        }

        return count;
    }

    /// <summary><paramref name="input"/> in the layout <paramref name="layout"/> asks for now (<see cref="InChannelsLast"/>, or itself).</summary>
    public static Tensor Apply(MemoryLayout layout, Tensor input) =>
        layout == MemoryLayout.ChannelsLast || (layout == MemoryLayout.Automatic && !is_grad_enabled()) ? InChannelsLast(input) : input;

    /// <summary>
    /// A 4-D <paramref name="input"/> with channels-last strides: itself when it already has them (every layer
    /// after the first), else a copy.
    /// </summary>
    public static Tensor InChannelsLast(Tensor input)
    {
        if (input.dim() != 4) return input;
        long[] strides = input.stride();
        long channels = input.shape[1], width = input.shape[3];
        bool already = strides[1] == 1 && strides[3] == channels && strides[2] == channels * width;
        return already || channels == 1 ? input : input.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }
}
