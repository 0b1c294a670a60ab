using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Semantics.Reading;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// Reads the fields of one layer or head node (defaults, ranges, <c>$parameters</c>) and returns how
/// to build its operation once its inputs are known. Every op of the language is here, so the
/// defaults listed in docs/spec.md can be checked against one place.
/// </summary>
internal sealed class OperationReader
{
    // Bounds generous for any real FCN and small enough that stride and parameter arithmetic cannot overflow.
    internal const int MaxChannels = 1 << 20;
    internal const int MaxKernel = 1024;
    internal const int MaxStride = 1024;
    internal const int MaxPad = 100_000;

    private static readonly string[] ConvInits = { "default", "zeros", "normal", "kaiming" };

    private readonly ValueReader reader;

    public OperationReader(ValueReader reader) => this.reader = reader;

    private DiagnosticSink Sink => reader.Sink;

    /// <summary>The builder for <paramref name="op"/> (already checked to be a known op), or null when a field is unusable.</summary>
    public Func<NodeBuildContext, NodeOperation?>? Read(string op, MappingNode node, string nodeName)
    {
        return op switch
        {
            "conv" => Conv(node, nodeName),
            "score" => Score(node, nodeName),
            "batchnorm" => BatchNorm(node),
            "relu" => _ => new ReluOperation(),
            "maxpool" => Pool(node, PoolKind.Max),
            "avgpool" => Pool(node, PoolKind.Average),
            "dropout" => Dropout(node),
            "lrn" => LocalResponseNorm(node),
            "scale" => Scale(node, nodeName),
            "fcn_head" => FcnHead(node, nodeName),
            "upsample" => Upsample(node, nodeName),
            "sum" => Fusion(node, nodeName, isSum: true),
            "concat" => Fusion(node, nodeName, isSum: false),
            "resize" => ctx => new ResizeOperation(ctx.Target!.Name),
            "crop" => Crop(node, nodeName),
            _ => null,
        };
    }

    private Func<NodeBuildContext, NodeOperation?> Conv(MappingNode node, string nodeName)
    {
        int output = Required(node, "out", nodeName, "conv") is { } outNode ? reader.Int(outNode, "out", 1, 1, MaxChannels) : 1;
        int kernel = Required(node, "kernel", nodeName, "conv") is { } kernelNode ? reader.Int(kernelNode, "kernel", 1, 1, MaxKernel) : 1;
        int stride = reader.Int(node, "stride", 1, 1, MaxStride);
        int pad = reader.Int(node, "pad", 0, 0, MaxPad);
        int dilation = reader.Int(node, "dilation", 1, 1, MaxKernel);
        int groups = reader.Int(node, "groups", 1, 1, MaxChannels);
        bool bias = reader.Bool(node, "bias", true);
        (InitKind init, ScalarValue std) = Init(node, InitKind.Default, ConvInits);
        YamlNode? groupsNode = node.Get("groups");
        return ctx =>
        {
            ChannelCount input = ctx.InputChannels;
            if (groups > 1 && !GroupsDivide(groups, input, output, groupsNode!, nodeName)) return null;
            return new ConvOperation(input, ChannelCount.Of(output), kernel, stride, pad, dilation, groups, bias, init, std, IsScore: false);
        };
    }

    private Func<NodeBuildContext, NodeOperation?> Score(MappingNode node, string nodeName)
    {
        int kernel = reader.Int(node, "kernel", 1, 1, MaxKernel);
        // Same-size padding by default, so a k x k score layer keeps the alignment of a 1 x 1 one.
        int pad = reader.Int(node, "pad", (kernel - 1) / 2, 0, MaxPad);
        (InitKind init, ScalarValue std) = Init(node, InitKind.Zeros, ConvInits);
        SourceSpan at = node.Find("name")?.Value.Span ?? node.Span;
        return ctx => ctx.ScoreChannels(at, nodeName) is { } classes
            ? new ConvOperation(ctx.InputChannels, classes, kernel, 1, pad, 1, 1, true, init, std, IsScore: true)
            : null;
    }

    private Func<NodeBuildContext, NodeOperation?> BatchNorm(MappingNode node)
    {
        double eps = reader.Number(node, "eps", 1e-5, 0, 1, minExclusive: true);
        double momentum = reader.Number(node, "momentum", 0.1, 0, 1);
        return ctx => new BatchNormOperation(ctx.InputChannels, eps, momentum);
    }

    private Func<NodeBuildContext, NodeOperation?> Pool(MappingNode node, PoolKind kind)
    {
        string op = kind == PoolKind.Max ? "maxpool" : "avgpool";
        int kernel = Required(node, "kernel", null, op) is { } kernelNode ? reader.Int(kernelNode, "kernel", 1, 1, MaxKernel) : 1;
        int stride = reader.Int(node, "stride", kernel, 1, MaxStride);
        int pad = reader.Int(node, "pad", 0, 0, MaxKernel);
        bool ceil = reader.Bool(node, "ceil", false);
        if (pad * 2 > kernel && node.Get("pad") is { } padNode)
            Sink.Error(DiagnosticIds.OutOfRange, padNode.Span, $"'pad' is {pad}, but a pooling window of {kernel} allows at most {kernel / 2} (half the kernel). Lower the padding.");
        return _ => new PoolOperation(kind, kernel, stride, pad, ceil);
    }

    private Func<NodeBuildContext, NodeOperation?> Dropout(MappingNode node)
    {
        ScalarValue p = reader.Scalar(node, "p", 0.5, 0, 1);
        return _ => new DropoutOperation(p);
    }

    private Func<NodeBuildContext, NodeOperation?> LocalResponseNorm(MappingNode node)
    {
        int size = Required(node, "size", null, "lrn") is { } sizeNode ? reader.Int(sizeNode, "size", 1, 1, MaxKernel) : 1;
        double alpha = reader.Number(node, "alpha", 1e-4, 0, double.PositiveInfinity);
        double beta = reader.Number(node, "beta", 0.75, 0, double.PositiveInfinity);
        double k = reader.Number(node, "k", 1, 0, double.PositiveInfinity);
        return _ => new LocalResponseNormOperation(size, alpha, beta, k);
    }

    private Func<NodeBuildContext, NodeOperation?> Scale(MappingNode node, string nodeName)
    {
        ScalarValue factor = Required(node, "factor", nodeName, "scale") is { } factorNode
            ? reader.Scalar(factorNode, "factor", 1, double.MinValue, double.MaxValue)
            : ScalarValue.Literal(1);
        return _ => new ScaleOperation(factor);
    }

    private Func<NodeBuildContext, NodeOperation?> FcnHead(MappingNode node, string nodeName)
    {
        YamlNode? channelsNode = node.Get("channels");
        int? channels = channelsNode is null ? null : reader.Int(channelsNode, "channels", 1, 1, MaxChannels);
        ScalarValue dropout = reader.Scalar(node, "dropout", 0.1, 0, 1);
        SourceSpan at = node.Find("name")?.Value.Span ?? node.Span;
        return ctx =>
        {
            ChannelCount input = ctx.InputChannels;
            if (ctx.ScoreChannels(at, nodeName) is not { } classes) return null;
            if (channels is { } given) return new FcnHeadOperation(input, given, classes, dropout);
            // torchvision's FCNHead narrows to a quarter of its input; that needs a fixed count divisible by 4.
            if (input.DependsOnClasses || input.Fixed < 4)
            {
                Sink.Error(DiagnosticIds.MissingField, node.Span,
                    $"fcn_head '{nodeName}' reads {input} channels, so the default of a quarter of them does not apply. Give 'channels:' explicitly.");
                return null;
            }
            return new FcnHeadOperation(input, input.Fixed / 4, classes, dropout);
        };
    }

    private Func<NodeBuildContext, NodeOperation?>? Upsample(MappingNode node, string nodeName)
    {
        if (Required(node, "factor", nodeName, "upsample") is not { } factorNode) return null;
        int factor;
        if (ValueReader.TryNumber(factorNode, out double written) && (written != Math.Floor(written) || written < 1))
        {
            Sink.Error(DiagnosticIds.NonIntegralUpsampling, factorNode.Span,
                $"'factor' is {ValueReader.Format(written)}, but a transposed convolution upsamples by a whole number of at least 1. Use e.g. 2, 4, 8, 16 or 32, or 'op: resize' for arbitrary sizes.");
            return null;
        }
        factor = reader.Int(factorNode, "factor", 2, 1, MaxStride);
        // A bilinear kernel spans two input pixels: 2 * factor (FCN-32s: factor 32, kernel 64).
        int kernel = reader.Int(node, "kernel", Math.Min(2 * factor, MaxKernel), 1, MaxKernel);
        int stride = reader.Int(node, "stride", factor, 1, MaxStride);
        int pad = reader.Int(node, "pad", 0, 0, MaxPad);
        bool bias = reader.Bool(node, "bias", false);
        (InitKind init, _) = Init(node, InitKind.Bilinear, SpecKeys.Inits);
        bool learnable = reader.Bool(node, "learnable", true);
        return ctx =>
        {
            Rational inputStride = ctx.Inputs[0].Analysis.Stride;
            Rational upsampled = inputStride / stride;
            if (!upsampled.IsInteger)
            {
                Sink.Error(DiagnosticIds.NonIntegralUpsampling, factorNode.Span,
                    $"'{nodeName}' upsamples features of stride {inputStride} by {stride}, which leaves stride {upsampled}: finer than the input image. Use a factor that divides {inputStride}.");
                return null;
            }
            return new UpsampleOperation(ctx.InputChannels, factor, kernel, stride, pad, bias, init, learnable);
        };
    }

    private Func<NodeBuildContext, NodeOperation?> Fusion(MappingNode node, string nodeName, bool isSum)
    {
        SourceSpan inputsSpan = node.Get("inputs")?.Span ?? node.Span;
        IReadOnlyList<YamlNode> items = node.Get("inputs") is SequenceNode sequence ? sequence.Items : Array.Empty<YamlNode>();
        EquatableArray<double> coefficients = isSum ? Coefficients(node, nodeName, items.Count) : EquatableArray<double>.Empty;
        return ctx =>
        {
            Node reference = ctx.Inputs[0];
            var offsets = new List<int> { 0 };
            bool ok = true;
            for (int i = 1; i < ctx.Inputs.Count; i++)
            {
                Node other = ctx.Inputs[i];
                SourceSpan at = i < items.Count ? items[i].Span : inputsSpan;
                if (!isSum && !ChannelCount.CanAdd(reference.Analysis.Channels, other.Analysis.Channels))
                {
                    Sink.Error(DiagnosticIds.ClassCountUnknown, at,
                        $"'{nodeName}' concatenates '{reference.Name}' ({reference.Analysis.Channels} channels) with '{other.Name}' ({other.Analysis.Channels} channels): the scores of two outputs with their own class counts, whose sum of channels has no single class count. Concatenate features before scoring, or score each output separately.");
                    ok = false;
                    continue;
                }
                if (isSum && other.Analysis.Channels != reference.Analysis.Channels)
                {
                    Sink.Error(DiagnosticIds.ChannelMismatch, at,
                        $"'{nodeName}' sums '{reference.Name}' ({reference.Analysis.Channels} channels) with '{other.Name}' ({other.Analysis.Channels} channels). Score both to the same count first (e.g. 'op: score'), or use 'op: concat'.");
                    ok = false;
                    continue;
                }
                int? offset = Alignment.CropOffset(reference, other, at, nodeName, Sink);
                if (offset is null) ok = false;
                offsets.Add(offset ?? 0);
            }
            if (!ok) return null;
            EquatableArray<int> cropOffsets = offsets.ToEquatableArray();
            return isSum ? new SumOperation(cropOffsets) { Coefficients = coefficients } : new ConcatOperation(cropOffsets);
        };
    }

    /// <summary>
    /// A sum's <c>coefficients:</c>, one factor per input (Caffe's Eltwise SUM <c>coeff</c>; the late-fusion NYUD
    /// net averages its streams with [0.5, 0.5]); empty when not written, or when wrong (reported).
    /// </summary>
    private EquatableArray<double> Coefficients(MappingNode node, string nodeName, int inputCount)
    {
        if (node.Get("coefficients") is not { } written) return EquatableArray<double>.Empty;
        if (written is not SequenceNode list)
        {
            Sink.Error(DiagnosticIds.WrongType, written.Span, $"'coefficients' must be a list of numbers, one per input, such as '[0.5, 0.5]', but it is {written.Describe()}.");
            return EquatableArray<double>.Empty;
        }
        if (list.Items.Count != inputCount)
        {
            Sink.Error(DiagnosticIds.CoefficientCount, written.Span,
                $"'{nodeName}' sums {inputCount} inputs but has {list.Items.Count} coefficient(s). Give one factor per input, in the order of 'inputs' ('[0.5, 0.5]' averages two).");
            return EquatableArray<double>.Empty;
        }
        var factors = new List<double>();
        foreach (YamlNode item in list.Items) factors.Add(reader.Number(item, "coefficients", 1, double.MinValue, double.MaxValue));
        return factors.ToEquatableArray();
    }

    private Func<NodeBuildContext, NodeOperation?> Crop(MappingNode node, string nodeName)
    {
        int? fixedOffset = null;
        YamlNode? offsetNode = node.Get("offset");
        if (offsetNode is not null && !(offsetNode is ScalarNode { Value: "auto" }))
            fixedOffset = reader.Int(offsetNode, "offset", 0, 0, MaxPad);
        SourceSpan at = node.Get("to")?.Span ?? node.Span;
        return ctx =>
        {
            Node target = ctx.Target!;
            if (fixedOffset is { } offset) return new CropOperation(target.Name, offset);
            int? computed = Alignment.CropOffset(target, ctx.Inputs[0], at, nodeName, Sink);
            return computed is { } value ? new CropOperation(target.Name, value) : null;
        };
    }

    private (InitKind Init, ScalarValue Std) Init(MappingNode node, InitKind fallback, IReadOnlyList<string> choices)
    {
        InitKind init = fallback;
        if (node.Get("init") is { } initNode && reader.Choice(initNode, "init", choices) is { } word)
        {
            init = word switch
            {
                "zeros" => InitKind.Zeros,
                "normal" => InitKind.Normal,
                "kaiming" => InitKind.Kaiming,
                "bilinear" => InitKind.Bilinear,
                _ => InitKind.Default,
            };
        }
        ScalarValue std = reader.Scalar(node, "std", 0.01, 0, double.MaxValue, minExclusive: true);
        if (node.Find("std") is { } stdEntry && init != InitKind.Normal)
            Sink.Error(DiagnosticIds.UnknownKey, stdEntry.Key.Span, "'std' only applies to 'init: normal'. Remove it, or add 'init: normal'.");
        return (init, std);
    }

    private bool GroupsDivide(int groups, ChannelCount input, int output, YamlNode groupsNode, string nodeName)
    {
        if (!input.DependsOnClasses && input.Fixed % groups == 0 && output % groups == 0) return true;
        Sink.Error(DiagnosticIds.OutOfRange, groupsNode.Span,
            $"'{nodeName}' has groups {groups}, which must divide both its input channels ({input}) and 'out' ({output}). Pick a common divisor.");
        return false;
    }

    private YamlNode? Required(MappingNode node, string key, string? nodeName, string op)
    {
        if (node.Get(key) is { } value) return value;
        string subject = nodeName is null ? $"A '{op}' layer" : $"'{nodeName}' ({op})";
        Sink.Error(DiagnosticIds.MissingField, node.Span, $"{subject} needs '{key}:'. Add it, e.g. '{key}: {ExampleValue(key)}'.");
        return null;
    }

    private static string ExampleValue(string key) => key switch
    {
        "out" => "64",
        "kernel" => "3",
        "factor" => "2",
        "size" => "5",
        _ => "1",
    };
}
