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
    /// While autograd records nothing (inference: <c>inference_mode</c>, <c>no_grad</c>; <c>fcn predict</c>,
    /// <c>fcn eval</c>, the trainer's validation), each <see cref="Convolution2d"/> on the CPU measures its
    /// input in <see cref="ChannelsFirst"/> and in <see cref="ChannelsLast"/> on its first calls and keeps the
    /// faster (<see cref="LayoutTrials"/>), as PyTorch's <c>torch.backends.cudnn.benchmark</c> does for
    /// algorithms; while autograd records (training), and off the CPU, <see cref="AsGiven"/>. Measured with
    /// <c>Fcn.Benchmarks layout</c> (docs/benchmarks.md): neither layout wins every layer or every CPU (FCN-ResNet50's
    /// 3x3 head over 2048 channels measured faster NCHW, some of FCN-8s's 3x3s faster channels-last), and
    /// channels-last speeds up no training step.
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

    /// <summary>The input made NCHW-contiguous (PyTorch's <c>torch.contiguous_format</c>) where it is not already.</summary>
    ChannelsFirst,
}

/// <summary>A module that picks the memory layout its convolutions run in (<see cref="Convolution2d"/>).</summary>
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
/// the model's outputs may come back channels-last, which every consumer here reads through <c>contiguous()</c>.
/// Measured with <c>Fcn.Benchmarks layout</c> (docs/benchmarks.md).
/// </remarks>
public static class MemoryLayouts
{
    /// <summary>The environment variable that sets the default: <c>automatic</c>, <c>channels-last</c>, <c>channels-first</c> or <c>as-given</c>.</summary>
    public const string SwitchVariable = "FCN_MEMORY_LAYOUT";

    /// <summary>What <see cref="SwitchVariable"/> says, read when a module is made; <see cref="MemoryLayout.Automatic"/> unless set.</summary>
    public static MemoryLayout Default =>
        Environment.GetEnvironmentVariable(SwitchVariable)?.Trim().ToLowerInvariant() switch
        {
            "channels-last" => MemoryLayout.ChannelsLast,
            "channels-first" or "nchw" => MemoryLayout.ChannelsFirst,
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

    /// <summary>
    /// <paramref name="input"/> in a fixed <paramref name="layout"/> (<see cref="InChannelsLast"/>,
    /// <see cref="InChannelsFirst"/>, or itself); <see cref="MemoryLayout.Automatic"/> is decided per layer by
    /// <see cref="Convolution2d"/>, so here it leaves the input as it is.
    /// </summary>
    public static Tensor Apply(MemoryLayout layout, Tensor input) => layout switch
    {
        MemoryLayout.ChannelsLast => InChannelsLast(input),
        MemoryLayout.ChannelsFirst => InChannelsFirst(input),
        _ => input,
    };

    /// <summary>Whether <see cref="MemoryLayout.Automatic"/> measures the layouts for a call on <paramref name="input"/> now: autograd off, a 4-D tensor on the CPU.</summary>
    public static bool MeasuresNow(Tensor input) =>
        !is_grad_enabled() && input.dim() == 4 && input.device_type == DeviceType.CPU;

    /// <summary>
    /// The layout a 4-D <paramref name="input"/> is in: <see cref="MemoryLayout.ChannelsFirst"/> (NCHW-contiguous),
    /// <see cref="MemoryLayout.ChannelsLast"/>, or <see cref="MemoryLayout.AsGiven"/> for any other strides (one
    /// channel or a 1x1 map can be both; it reads as NCHW).
    /// </summary>
    public static MemoryLayout Of(Tensor input)
    {
        if (input.dim() != 4) return MemoryLayout.AsGiven;
        if (input.is_contiguous()) return MemoryLayout.ChannelsFirst;
        return IsChannelsLast(input) ? MemoryLayout.ChannelsLast : MemoryLayout.AsGiven;
    }

    /// <summary>A 4-D <paramref name="input"/> NCHW-contiguous: itself when it already is, else a copy.</summary>
    public static Tensor InChannelsFirst(Tensor input) => input.dim() != 4 || input.is_contiguous() ? input : input.contiguous();

    /// <summary>
    /// A 4-D <paramref name="input"/> with channels-last strides: itself when it already has them (every layer
    /// after the first), else a copy.
    /// </summary>
    public static Tensor InChannelsLast(Tensor input)
    {
        if (input.dim() != 4) return input;
        return IsChannelsLast(input) || input.shape[1] == 1 ? input : input.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
    }

    private static bool IsChannelsLast(Tensor input)
    {
        long[] strides = input.stride();
        long channels = input.shape[1], width = input.shape[3];
        return strides[1] == 1 && strides[3] == channels && strides[2] == channels * width;
    }
}
