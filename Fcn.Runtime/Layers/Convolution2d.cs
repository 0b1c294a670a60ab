using System;
using System.Diagnostics;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>
/// A 2-D convolution with <c>torch.nn.Conv2d</c>'s parameters, state-dict keys (<c>weight</c>,
/// out x in/groups x k x k, and <c>bias</c>), initialization and results, that chooses at each call
/// how to compute them (<see cref="Formulation"/>). The generated models declare their convolutions
/// with it.
/// </summary>
/// <remarks>
/// <para>Why: libtorch's <c>conv2d</c> (oneDNN) is slow when a layer has few output positions, as
/// FCN's fc6 and fc7 do: VGG16's fully connected layers as a 7x7 (512 -> 4096) and a 1x1
/// (4096 -> 4096) convolution on the last, smallest maps, 5x5 outputs for a 128x128 image. Each weight
/// element is then used only a few times, so the call is bound by reading the weight (fc6's is 411 MB),
/// and oneDNN re-lays-out the whole weight for its kernels on every call, and again for the gradients.
/// Written as <c>unfold</c> (im2col) + one matrix product, the weight is read in place, once.</para>
/// <para>The rule (<see cref="PrefersMatrixProduct"/>): the matrix product when
/// <c>batch * out_h * out_w &lt;= </c><see cref="MatrixProductMaxPositions"/> and <c>groups = 1</c>;
/// otherwise <c>conv2d</c>, whose kernels win wherever each weight element is reused many times (and
/// where <c>unfold</c> would copy the input k*k times). The rule reads the input's size at each call,
/// so it holds for every input size. In FCN-8s it picks fc6 and fc7 up to about 300x300 images;
/// every 3x3 layer of VGG16 and ResNet-50 at the usual sizes keeps <c>conv2d</c> (measured per layer
/// with <c>Fcn.Benchmarks layers</c>, docs/benchmarks.md).</para>
/// <para>Autograd goes through <c>unfold</c> (whose gradient is <c>fold</c>) and the matrix product, so
/// training works unchanged; results equal <c>conv2d</c>'s to float rounding (the sums run in another
/// order).</para>
/// </remarks>
public sealed class Convolution2d : nn.Module<Tensor, Tensor>, IMemoryLayoutChoice
{
    private Parameter _weight;
    private Parameter? _bias;

    /// <summary>A convolution like <c>torch.nn.Conv2d(in_channels, out_channels, kernel_size, ...)</c> with square kernel, stride, padding and dilation.</summary>
    public Convolution2d(
        long in_channels, long out_channels, long kernel_size,
        long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true,
        ConvolutionFormulation formulation = ConvolutionFormulation.Automatic)
        : base(nameof(Convolution2d))
    {
        if (in_channels < 1 || out_channels < 1) throw new ArgumentOutOfRangeException(nameof(in_channels), "A convolution needs at least one channel in and out.");
        if (kernel_size < 1 || stride < 1 || dilation < 1 || padding < 0) throw new ArgumentOutOfRangeException(nameof(kernel_size), "Kernel, stride and dilation are at least 1; padding is not negative.");
        if (groups < 1 || in_channels % groups != 0 || out_channels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"Groups must divide both channel counts ({in_channels} in, {out_channels} out).");

        InChannels = in_channels;
        OutChannels = out_channels;
        KernelSize = kernel_size;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        Formulation = formulation;
        Layout = MemoryLayouts.Default;

        // Registered by name (no RegisterComponents, which would name them after the fields).
        _weight = new Parameter(empty(out_channels, in_channels / groups, kernel_size, kernel_size));
        ConditionallyRegisterParameter(nameof(weight), _weight);
        _bias = bias ? new Parameter(empty(out_channels)) : null;
        ConditionallyRegisterParameter(nameof(this.bias), _bias);
        ResetParameters();
    }

    // Lower-case, settable properties as torch.nn.Conv2d has (state-dict keys "weight" and "bias"):
    // Module.to(device) replaces a parameter through the property of its name.

    /// <summary>The weight, out_channels x in_channels/groups x k x k.</summary>
    public Parameter weight
    {
        get => _weight;
        set
        {
            _weight = value ?? throw new ArgumentNullException(nameof(value), "A convolution needs a weight.");
            ConditionallyRegisterParameter(nameof(weight), _weight);
        }
    }

    /// <summary>The bias (out_channels), or null.</summary>
    public Parameter? bias
    {
        get => _bias;
        set
        {
            _bias = value;
            ConditionallyRegisterParameter(nameof(bias), _bias);
        }
    }

    public long InChannels { get; }
    public long OutChannels { get; }
    public long KernelSize { get; }
    public long Stride { get; }
    public long Padding { get; }
    public long Dilation { get; }
    public long Groups { get; }

    /// <summary>How the output is computed; <see cref="ConvolutionFormulation.Automatic"/> unless set (see <see cref="UseFormulation"/>).</summary>
    public ConvolutionFormulation Formulation { get; set; }

    /// <summary>The memory layout the <see cref="ConvolutionFormulation.Direct"/> kernels run in; <see cref="MemoryLayouts.Default"/> unless set (see <see cref="MemoryLayouts.Use"/>).</summary>
    public MemoryLayout Layout { get; set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Compute(input, _weight, _bias);

    /// <summary>
    /// <c>norm(this(input))</c>: as one convolution with the folded weights while a <see cref="BatchNormFolding"/>
    /// scope holds this pair, autograd is off and <paramref name="norm"/> is in eval mode; else the two in turn.
    /// </summary>
    public Tensor ForwardThrough(BatchNorm2d norm, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(norm);
        return FoldedNorm is { } folded && ReferenceEquals(folded.Norm, norm) && !norm.training && !is_grad_enabled()
            ? Compute(input, folded.Weight, folded.Bias)
            : norm.call(call(input));
    }

    /// <summary>The folded weights while a <see cref="BatchNormFolding"/> scope holds them, else null.</summary>
    internal FoldedBatchNorm? FoldedNorm { get; set; }

    /// <summary>Whether a <see cref="BatchNormFolding"/> scope holds this convolution folded with its batch norm now.</summary>
    public bool HasFoldedBatchNorm => FoldedNorm is not null;

    private Tensor Compute(Tensor input, Tensor weight, Tensor? bias)
    {
        bool matrixProduct = Formulation switch
        {
            ConvolutionFormulation.Direct => false,
            ConvolutionFormulation.MatrixProduct => true,
            _ => PrefersMatrixProduct(input.shape),
        };
        return matrixProduct ? MatrixProduct(input, weight, bias) : Direct(input, weight, bias);
    }

    /// <summary>
    /// The most output positions (batch * out_h * out_w) at which <see cref="ConvolutionFormulation.Automatic"/>
    /// uses the matrix product: below it each weight element serves so few products that reading the
    /// weight dominates. Single-layer timings on the 2-core reference machine (<c>Fcn.Benchmarks layers</c>,
    /// docs/benchmarks.md): fc6 and fc7 of FCN-8s (25 and 81 positions) gain, mostly in the backward pass;
    /// a 3x3 layer at 121 positions is level; at 441 positions (3x3) and 784 (1x1) <c>conv2d</c> wins.
    /// </summary>
    public const long MatrixProductMaxPositions = 128;

    /// <summary>The automatic rule: true when there is one group and at most <see cref="MatrixProductMaxPositions"/> output positions.</summary>
    public bool PrefersMatrixProduct(ReadOnlySpan<long> inputShape)
    {
        if (Groups != 1 || inputShape.Length != 4) return false;
        long positions = inputShape[0] * OutputSize(inputShape[2]) * OutputSize(inputShape[3]);
        return positions >= 1 && positions <= MatrixProductMaxPositions;
    }

    /// <summary>Sets <paramref name="formulation"/> on every <see cref="Convolution2d"/> in <paramref name="module"/> (itself included); returns how many.</summary>
    public static int UseFormulation(nn.Module module, ConvolutionFormulation formulation)
    {
        ArgumentNullException.ThrowIfNull(module);
        int count = 0;
        foreach (Convolution2d convolution in module.modules().Prepend(module).OfType<Convolution2d>().Distinct())
        {
            convolution.Formulation = formulation;
            count++;
        }

        return count;
    }

    /// <summary>Output rows (or columns) for an input of <paramref name="size"/> rows (or columns).</summary>
    public long OutputSize(long size) => (size + 2 * Padding - Dilation * (KernelSize - 1) - 1) / Stride + 1;

    /// <summary>A short description: <c>Convolution2d(512 -> 4096, 7x7, Automatic)</c>.</summary>
    public override string ToString() =>
        $"Convolution2d({InChannels} -> {OutChannels}, {KernelSize}x{KernelSize}"
        + (Stride != 1 ? $", stride {Stride}" : "") + (Padding != 0 ? $", padding {Padding}" : "")
        + (Dilation != 1 ? $", dilation {Dilation}" : "") + (Groups != 1 ? $", groups {Groups}" : "")
        + (_bias is null ? ", no bias" : "") + $", {Formulation})";

    /// <summary>
    /// What <see cref="MemoryLayout.Automatic"/> has measured and kept for this layer in inference, per size class
    /// (<see cref="LayoutTrials.SizeClass"/> of the output's positions).
    /// </summary>
    public LayoutTrials MeasuredLayouts { get; } = new();

    private Tensor Direct(Tensor input, Tensor weight, Tensor? bias)
    {
        if (Layout != MemoryLayout.Automatic || !MemoryLayouts.MeasuresNow(input))
            return Convolve(MemoryLayouts.Apply(Layout, input), weight, bias);

        // Inference under Automatic: the layout measured for this size class, or the next trial, timed.
        int sizeClass = LayoutTrials.SizeClass(input.shape[0] * OutputSize(input.shape[2]) * OutputSize(input.shape[3]));
        bool trial = MeasuredLayouts.IsTrial(sizeClass);
        MemoryLayout layout = MeasuredLayouts.Next(sizeClass, MemoryLayouts.Of(input));
        long started = Stopwatch.GetTimestamp();
        Tensor output = Convolve(MemoryLayouts.Apply(layout, input), weight, bias);
        if (trial) MeasuredLayouts.Record(sizeClass, layout, Stopwatch.GetElapsedTime(started));
        return output;
    }

    private Tensor Convolve(Tensor input, Tensor weight, Tensor? bias) => nn.functional.conv2d(
        input, weight, bias,
        strides: new[] { Stride, Stride }, padding: new[] { Padding, Padding },
        dilation: new[] { Dilation, Dilation }, groups: Groups);

    private Tensor MatrixProduct(Tensor input, Tensor weight, Tensor? bias)
    {
        if (Groups != 1) throw new InvalidOperationException("The matrix-product formulation needs groups = 1; use Direct or Automatic.");
        if (input.dim() != 4) throw new ArgumentException($"Convolution2d expects N x C x H x W; got [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        long batch = input.shape[0], height = OutputSize(input.shape[2]), width = OutputSize(input.shape[3]);
        bool pointwise = KernelSize == 1 && Stride == 1 && Padding == 0;
        // N x (C*k*k) x (out_h*out_w): each column one patch, rows in the weight's (c, i, j) order.
        Tensor columns = pointwise ? input.flatten(2) : nn.functional.unfold(input, KernelSize, Dilation, Padding, Stride);
        Tensor matrix = weight.view(OutChannels, -1);
        Tensor output = batch == 1
            ? (bias is null ? matrix.mm(columns[0]) : addmm(bias.unsqueeze(1), matrix, columns[0], 1, 1)).unsqueeze(0)
            : bias is null ? matrix.matmul(columns) : matrix.matmul(columns).add_(bias.view(1, -1, 1));
        return output.view(batch, OutChannels, height, width).MoveToOuterDisposeScope();
    }

    /// <summary>torch.nn.Conv2d's initialization (PyTorch's <c>reset_parameters</c>, which libtorch's Conv2d also runs): Kaiming-uniform weight with a = sqrt(5), bias uniform in +-1/sqrt(fan_in).</summary>
    private void ResetParameters()
    {
        using var noGrad = no_grad();
        nn.init.kaiming_uniform_(_weight, Math.Sqrt(5));
        if (_bias is not null)
        {
            double bound = 1 / Math.Sqrt(_weight.shape[1] * KernelSize * KernelSize);
            nn.init.uniform_(_bias, -bound, bound);
        }
    }
}
