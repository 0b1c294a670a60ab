using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Dsl.Model;

/// <summary>
/// What a node computes. Every operation is a value (a record), fully resolved: channel counts are
/// inferred, kernel and stride of an upsampling are derived from its factor, crop offsets are computed
/// from the coordinate maps. What is intrinsic to an operation is a member of its record (its YAML
/// <see cref="Kind"/>, whether it is a module, what it crops, which spec parameters it reads); what a
/// backend makes of it (analysis, sizes, cost, C#, exports) is an <see cref="IOperationVisitor{TResult}"/>,
/// so a new operation is one record here and one method per visitor, each listed by the compiler.
/// </summary>
public abstract record NodeOperation
{
    /// <summary>The YAML spelling of this operation (<c>op:</c>), also used in summaries.</summary>
    public abstract string Kind { get; }

    /// <summary>True when the node is a submodule (a field of the generated class, with or without weights).</summary>
    public virtual bool IsModule => true;

    /// <summary>
    /// A node whose output this operation reads only for its height and width (the crop and resize
    /// targets), or null. It is a dependency like an input: it must be computed first.
    /// </summary>
    public virtual string? SizeReference => null;

    /// <summary>
    /// The offset at which this operation crops its input number <paramref name="input"/> (0-based) to the
    /// height and width of its alignment reference (see <see cref="Node.AlignmentReference"/>), or null when it
    /// reads that input whole. This is the one definition of a crop: the generated code, the description, the
    /// summary and the drawing all read it here.
    /// </summary>
    public virtual int? CropOffsetOf(int input) => null;

    /// <summary>
    /// The declared spec parameters (<c>parameters:</c>) this operation reads, by name: a <c>$dropout</c>
    /// probability, a <c>$skip</c> scale factor. A module reads them when it is built; an inline operation
    /// (<see cref="IsModule"/> false) reads them in every forward pass.
    /// </summary>
    public virtual IEnumerable<string> SpecParameters => Array.Empty<string>();

    /// <summary>A short label for tables and drawings: the <see cref="Kind"/>, or more where the kind alone says too little (<c>resnet50</c>, <c>tap layer3</c>).</summary>
    public virtual string Label => Kind;

    /// <summary>Calls the visitor's method for this operation (double dispatch; see <see cref="IOperationVisitor{TResult}"/>).</summary>
    public abstract TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor);
}

/// <summary>The network's input image (always node 0, named <c>input</c>).</summary>
public sealed record InputOperation(int Channels) : NodeOperation
{
    public override string Kind => "input";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitInput(node, this);
    public override bool IsModule => false;
}

/// <summary>A 2-D convolution (<c>op: conv</c>, and <c>op: score</c> whose output is <c>classes</c>).</summary>
public sealed record ConvOperation(
    ChannelCount In, ChannelCount Out, int Kernel, int Stride, int Pad, int Dilation, int Groups, bool Bias,
    InitKind Init, ScalarValue InitStd, bool IsScore) : NodeOperation
{
    public override string Kind => IsScore ? "score" : "conv";
    public override IEnumerable<string> SpecParameters => InitStd.Names();
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitConv(node, this);
}

/// <summary>
/// A transposed convolution that upsamples by <c>Stride</c> (<c>op: upsample</c>), without bias as in the
/// reference FCNs, started as bilinear interpolation; <c>Learnable</c> false freezes it (Caffe's reference code).
/// </summary>
public sealed record UpsampleOperation(ChannelCount Channels, int Factor, int Kernel, int Stride, int Pad, bool Bias, InitKind Init, bool Learnable) : NodeOperation
{
    public override string Kind => "upsample";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitUpsample(node, this);
}

public sealed record BatchNormOperation(ChannelCount Channels, double Eps, double Momentum) : NodeOperation
{
    public override string Kind => "batchnorm";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitBatchNorm(node, this);
}

public sealed record ReluOperation : NodeOperation
{
    public override string Kind => "relu";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitRelu(node, this);
}

/// <summary>Max or average pooling; <c>CeilMode</c> rounds the output size up (Caffe's convention).</summary>
public sealed record PoolOperation(PoolKind Pool, int Kernel, int Stride, int Pad, bool CeilMode) : NodeOperation
{
    public override string Kind => Pool == PoolKind.Max ? "maxpool" : "avgpool";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitPool(node, this);
}

public sealed record DropoutOperation(ScalarValue Probability) : NodeOperation
{
    public override string Kind => "dropout";
    public override IEnumerable<string> SpecParameters => Probability.Names();
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitDropout(node, this);
}

/// <summary>Local response normalization across channels (AlexNet's "norm" layers).</summary>
public sealed record LocalResponseNormOperation(int Size, double Alpha, double Beta, double K) : NodeOperation
{
    public override string Kind => "lrn";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitLocalResponseNorm(node, this);
}

/// <summary>Multiplication by a fixed factor (FCN-8s at-once scales pool4 by 0.01 and pool3 by 0.0001).</summary>
public sealed record ScaleOperation(ScalarValue Factor) : NodeOperation
{
    public override string Kind => "scale";
    public override IEnumerable<string> SpecParameters => Factor.Names();
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitScale(node, this);
    public override bool IsModule => false;
}

/// <summary>
/// Element-wise sum of the inputs. The first input is the reference: every other input i is cropped
/// to the reference's height and width starting at <c>CropOffsets[i]</c> (0 for the reference itself).
/// </summary>
public sealed record SumOperation(EquatableArray<int> CropOffsets) : NodeOperation
{
    /// <summary>
    /// One factor per input (Caffe's Eltwise SUM <c>coeff</c>; NYUD's late fusion averages two streams with
    /// 0.5 and 0.5), or empty for a plain sum. The compiler checks there is one per input.
    /// </summary>
    public EquatableArray<double> Coefficients { get; init; } = EquatableArray<double>.Empty;

    /// <summary>True when some input is multiplied by a factor other than 1.</summary>
    public bool IsWeighted => Coefficients.Any(coefficient => coefficient != 1);

    /// <summary>The factor of input <paramref name="input"/>: its coefficient, or 1 for a plain sum.</summary>
    public double CoefficientOf(int input) => input < Coefficients.Count ? Coefficients[input] : 1;

    public override string Kind => "sum";
    /// <summary><c>sum</c>, or <c>sum ×0.5 ×0.5</c> with the coefficients of a weighted sum.</summary>
    public override string Label => IsWeighted
        ? Kind + string.Concat(Coefficients.Select(c => " ×" + c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
        : Kind;
    public override int? CropOffsetOf(int input) => Fusion.CropOffsetOf(CropOffsets, input);
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitSum(node, this);
    public override bool IsModule => false;
}

/// <summary>Channel concatenation of the inputs, each cropped to the first like <see cref="SumOperation"/>.</summary>
public sealed record ConcatOperation(EquatableArray<int> CropOffsets) : NodeOperation
{
    public override string Kind => "concat";
    public override int? CropOffsetOf(int input) => Fusion.CropOffsetOf(CropOffsets, input);
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitConcat(node, this);
    public override bool IsModule => false;
}

/// <summary>Bilinear interpolation (align_corners = false) to the size of <c>Reference</c> (usually <c>input</c>).</summary>
public sealed record ResizeOperation(string Reference) : NodeOperation
{
    public override string Kind => "resize";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitResize(node, this);
    public override bool IsModule => false;
    public override string? SizeReference => Reference;
}

/// <summary>Keeps <c>x[:, :, Offset:Offset+H, Offset:Offset+W]</c> with H, W the size of <c>Reference</c>.</summary>
public sealed record CropOperation(string Reference, int Offset) : NodeOperation
{
    public override string Kind => "crop";
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitCrop(node, this);
    public override bool IsModule => false;
    public override string? SizeReference => Reference;
    public override int? CropOffsetOf(int input) => input == 0 ? Offset : null;
}

/// <summary>torchvision's FCNHead: conv3x3 (no bias) In->Channels, BatchNorm, ReLU, Dropout, conv1x1 Channels->Out.</summary>
public sealed record FcnHeadOperation(ChannelCount In, int Channels, ChannelCount Out, ScalarValue Dropout) : NodeOperation
{
    public override string Kind => "fcn_head";
    public override IEnumerable<string> SpecParameters => Dropout.Names();
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitFcnHead(node, this);
}

/// <summary>
/// A torchvision-layout ResNet trunk (conv1, bn1, relu, maxpool, layer1..layer4; no avgpool or fc),
/// with <c>Dilation[i]</c> replacing the stride of layer i+2 by dilation (torchvision's
/// replace_stride_with_dilation). Its stages are read through <see cref="TapOperation"/> nodes.
/// </summary>
public sealed record ResNetOperation(int Depth, EquatableArray<bool> Dilation) : NodeOperation
{
    public override string Kind => "resnet";
    public override string Label => "resnet" + Depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitResNet(node, this);
}

/// <summary>One named feature of a multi-output backbone node (e.g. <c>layer3</c> of a ResNet).</summary>
public sealed record TapOperation(string Feature) : NodeOperation
{
    public override string Kind => "tap";
    public override string Label => "tap " + Feature;
    public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) => visitor.VisitTap(node, this);
    public override bool IsModule => false;
}

/// <summary>What sum and concat share: every input after the first (the reference) is cropped onto the first.</summary>
internal static class Fusion
{
    /// <summary>
    /// The reference (input 0) is read whole; every other input is cropped, at 0 when the list holds no
    /// offset for it, as the generated code has always done (the compiler writes one offset per input).
    /// </summary>
    public static int? CropOffsetOf(EquatableArray<int> cropOffsets, int input) =>
        input <= 0 ? null : input < cropOffsets.Count ? cropOffsets[input] : 0;
}
