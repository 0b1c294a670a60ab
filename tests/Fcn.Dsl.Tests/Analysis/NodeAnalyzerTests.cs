using System;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Dsl.Tests.Analysis;

/// <summary>Each operation on its own, against hand calculations.</summary>
public class NodeAnalyzerTests
{
    private const int Classes = 21;

    private static readonly NodeAnalysis Stride8 = new(ChannelCount.Of(256), 8, new Rational(-191, 2), 44, 0);

    private static readonly AnalyzedInput Pool3 = new(new PoolOperation(PoolKind.Max, 2, 2, 0, true), Stride8);

    [Fact]
    public void The_input_is_the_identity_map()
    {
        NodeAnalysis input = NodeAnalyzer.Analyze(new InputOperation(3), Array.Empty<AnalyzedInput>(), Classes);

        Assert.Equal(new NodeAnalysis(ChannelCount.Of(3), 1, 0, 1, 0), input);
    }

    [Fact]
    public void A_grouped_conv_counts_weights_per_group()
    {
        // AlexNet's conv2: 256 filters of 5*5*(96/2) weights plus 256 biases = 307,456.
        var conv2 = new ConvOperation(ChannelCount.Of(96), ChannelCount.Of(256), 5, 1, 2, 1, 2, true, InitKind.Default, ScalarValue.Literal(0), false);

        NodeAnalysis analysis = NodeAnalyzer.Analyze(conv2, new[] { Pool3 }, Classes);

        Assert.Equal(307_456, analysis.Parameters);
        Assert.Equal(ChannelCount.Of(256), analysis.Channels);
    }

    [Fact]
    public void A_score_conv_has_symbolic_channels_counted_at_the_given_classes()
    {
        // 1x1, 256 -> classes with bias: 256*5 + 5 = 1,285 at 5 classes.
        var score = new ConvOperation(ChannelCount.Of(256), ChannelCount.Classes, 1, 1, 0, 1, 1, true, InitKind.Zeros, ScalarValue.Literal(0), true);

        NodeAnalysis analysis = NodeAnalyzer.Analyze(score, new[] { Pool3 }, classes: 5);

        Assert.Equal(ChannelCount.Classes, analysis.Channels);
        Assert.Equal(1_285, analysis.Parameters);
        Assert.Equal(Stride8.Offset, analysis.Offset);
    }

    [Fact]
    public void An_upsampling_with_bias_counts_a_bias_per_channel()
    {
        // k4 on 21 channels: 21*21*16 = 7,056 weights, plus 21 biases.
        var upsample = new UpsampleOperation(ChannelCount.Classes, 2, 4, 2, 0, true, InitKind.Bilinear, true);

        NodeAnalysis analysis = NodeAnalyzer.Analyze(upsample, new[] { Pool3 }, Classes);

        Assert.Equal(7_077, analysis.Parameters);
        Assert.Equal(new Rational(4), analysis.Stride);
    }

    [Fact]
    public void A_batch_norm_learns_a_weight_and_a_bias_per_channel()
    {
        NodeAnalysis analysis = NodeAnalyzer.Analyze(new BatchNormOperation(ChannelCount.Of(256), 1e-5, 0.1), new[] { Pool3 }, Classes);

        Assert.Equal(512, analysis.Parameters);
        Assert.Equal(Stride8 with { Parameters = 512 }, analysis);
    }

    [Theory]
    [MemberData(nameof(ElementwiseOperations))]
    public void Elementwise_operations_change_nothing(NodeOperation operation)
    {
        Assert.Equal(Stride8, NodeAnalyzer.Analyze(operation, new[] { Pool3 }, Classes));
    }

    public static TheoryData<NodeOperation> ElementwiseOperations() => new()
    {
        new ReluOperation(),
        new DropoutOperation(ScalarValue.Literal(0.5)),
        new LocalResponseNormOperation(5, 1e-4, 0.75, 1),
        new ScaleOperation(ScalarValue.Literal(0.01)),
    };

    [Fact]
    public void A_sum_keeps_its_reference_grid_and_the_widest_field()
    {
        var wide = new AnalyzedInput(new ReluOperation(), new NodeAnalysis(ChannelCount.Of(256), 8, new Rational(-47, 2), 500, 0));

        NodeAnalysis sum = NodeAnalyzer.Analyze(new SumOperation(new[] { 0, 9 }.ToEquatableArray()), new[] { wide, Pool3 }, Classes);

        Assert.Equal(new NodeAnalysis(ChannelCount.Of(256), 8, new Rational(-47, 2), 500, 0), sum);
    }

    [Fact]
    public void A_concat_adds_channel_forms()
    {
        var scores = new AnalyzedInput(new ReluOperation(), Stride8 with { Channels = ChannelCount.Classes });

        NodeAnalysis concat = NodeAnalyzer.Analyze(new ConcatOperation(new[] { 0, 0, 0 }.ToEquatableArray()), new[] { scores, Pool3, scores }, Classes);

        Assert.Equal(new ChannelCount(2, 256), concat.Channels);
        Assert.Equal("2*classes+256", concat.Channels.ToString());
    }

    [Fact]
    public void A_final_crop_lands_on_the_input_grid()
    {
        // FCN-32s' upscore sits at stride 1, offset -19; keeping x[19:] gives offset -19 + 1*19 = 0.
        var upscore = new AnalyzedInput(new ReluOperation(), new NodeAnalysis(ChannelCount.Classes, 1, -19, 436, 0));

        NodeAnalysis crop = NodeAnalyzer.Analyze(new CropOperation("input", 19), new[] { upscore }, Classes);

        Assert.Equal(Rational.Zero, crop.Offset);
        Assert.Equal(new Rational(1), crop.Stride);
    }

    [Fact]
    public void A_resize_takes_its_references_grid_and_keeps_its_field()
    {
        var input = new AnalyzedInput(new InputOperation(3), new NodeAnalysis(ChannelCount.Of(3), 1, 0, 1, 0));

        NodeAnalysis toInput = NodeAnalyzer.Analyze(new ResizeOperation("input"), new[] { Pool3, input }, Classes);
        NodeAnalysis implicitInput = NodeAnalyzer.Analyze(new ResizeOperation("input"), new[] { Pool3 }, Classes);
        NodeAnalysis toStride8 = NodeAnalyzer.Analyze(new ResizeOperation("pool3"), new[] { input, Pool3 }, Classes);

        Assert.Equal(new NodeAnalysis(ChannelCount.Of(256), 1, 0, 44, 0), toInput);
        Assert.Equal(toInput, implicitInput);
        Assert.Equal(new NodeAnalysis(ChannelCount.Of(3), 8, new Rational(-191, 2), 1, 0), toStride8);
    }

    [Fact]
    public void An_fcn_head_counts_torchvisions_layers()
    {
        // FCNHead(2048, 21): 2048*512*9 = 9,437,184 (no bias) + 2*512 (BN) + 512*21 + 21 = 9,448,981.
        var head = new FcnHeadOperation(ChannelCount.Of(2048), 512, ChannelCount.Classes, ScalarValue.Literal(0.1));

        NodeAnalysis analysis = NodeAnalyzer.Analyze(head, new[] { Pool3 }, Classes);

        Assert.Equal(9_448_981, analysis.Parameters);
        Assert.Equal(ChannelCount.Classes, analysis.Channels);
        Assert.Equal(Stride8.ReceptiveField + 2 * 8, analysis.ReceptiveField);
    }

    [Fact]
    public void CropOffset_divides_the_offset_difference_by_the_stride()
    {
        // FCN-16s: upscore2 at stride 16 offset -11.5, score_pool4 at offset -91.5: (80)/16 = 5.
        var upscore2 = new NodeAnalysis(ChannelCount.Classes, 16, new Rational(-23, 2), 0, 0);
        var scorePool4 = new NodeAnalysis(ChannelCount.Classes, 16, new Rational(-183, 2), 0, 0);

        Assert.Equal(new Rational(5), NodeAnalyzer.CropOffset(upscore2, scorePool4));
        Assert.Equal(new Rational(-5), NodeAnalyzer.CropOffset(scorePool4, upscore2));
    }

    [Fact]
    public void CropOffset_may_come_out_fractional_for_the_validator_to_reject()
    {
        var reference = new NodeAnalysis(ChannelCount.Classes, 2, 0, 0, 0);
        var other = new NodeAnalysis(ChannelCount.Classes, 2, new Rational(-1, 2), 0, 0);

        Assert.Equal(new Rational(1, 4), NodeAnalyzer.CropOffset(reference, other));
    }

    [Fact]
    public void CropOffset_refuses_maps_of_different_strides()
    {
        var stride16 = new NodeAnalysis(ChannelCount.Classes, 16, 0, 0, 0);

        Assert.Throws<ArgumentException>(() => NodeAnalyzer.CropOffset(stride16, Stride8));
    }

    [Fact]
    public void A_tap_must_read_a_resnet()
    {
        Assert.Throws<ArgumentException>(() => NodeAnalyzer.Analyze(new TapOperation("layer1"), new[] { Pool3 }, Classes));
    }

    [Fact]
    public void Operations_that_need_an_input_refuse_none()
    {
        Assert.Throws<ArgumentException>(() => NodeAnalyzer.Analyze(new ReluOperation(), Array.Empty<AnalyzedInput>(), Classes));
    }
}
