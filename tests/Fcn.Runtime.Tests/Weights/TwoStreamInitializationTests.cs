using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Fcn.Runtime.Weights;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Weights;

/// <summary>
/// The surgery of the Caffe reference's nyud-fcn32s-color-hha/solve.py on hand-built state dicts: each
/// layer p of the color net goes to p + "color", of the HHA net to p + "hha"; layers the two-stream net
/// lacks are dropped (reported as unexpected), its own layers keep their initialization (missing).
/// </summary>
public sealed class TwoStreamInitializationTests
{
    public TwoStreamInitializationTests() => TorchSetup.Ensure();

    /// <summary>A single-modality net: conv1 (1 -> 1, 1x1) filled with <paramref name="value"/>, and score_fr.</summary>
    private static Dictionary<string, Tensor> Stream(float value) => new()
    {
        ["conv1.weight"] = full(new long[] { 1, 1, 1, 1 }, value),
        ["conv1.bias"] = full(new long[] { 1 }, value + 0.5f),
        ["score_fr.weight"] = full(new long[] { 3, 1, 1, 1 }, 10 * value),
        ["score_fr.bias"] = full(new long[] { 3 }, -value),
    };

    [Fact]
    public void The_suffix_goes_on_the_layer_name_before_the_parameters_name()
    {
        Dictionary<string, Tensor> color = Stream(1);
        Dictionary<string, Tensor> renamed = TwoStreamInitialization.WithSuffix(color, "color");

        Assert.Equal(new[] { "conv1color.bias", "conv1color.weight", "score_frcolor.bias", "score_frcolor.weight" }, renamed.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Same(color["conv1.weight"], renamed["conv1color.weight"]);
        Assert.Equal("trunk.conv1hha.weight", TwoStreamInitialization.WithSuffix(new Dictionary<string, Tensor> { ["trunk.conv1.weight"] = color["conv1.weight"] }, "hha").Keys.Single());
    }

    /// <summary>Two streams as a late-fusion net names them, a fusion layer of its own, and no score_frhha (so that one is dropped).</summary>
    private sealed class TwoStreamNet : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1color = nn.Conv2d(1, 1, 1);
        private readonly Conv2d score_frcolor = nn.Conv2d(1, 3, 1);
        private readonly Conv2d conv1hha = nn.Conv2d(1, 1, 1);
        private readonly Conv2d fuse = nn.Conv2d(3, 3, 1);

        public TwoStreamNet() : base(nameof(TwoStreamNet)) => RegisterComponents();

        public override Tensor forward(Tensor input) => throw new NotSupportedException();
    }

    [Fact]
    public void Each_stream_fills_its_suffixed_layers_and_the_report_lists_what_did_not_fit()
    {
        using var model = new TwoStreamNet();

        WeightLoadReport report = TwoStreamInitialization.FromStreams(model, ("color", Stream(1)), ("hha", Stream(2)));

        Assert.Equal(new[] { "conv1color.weight", "conv1color.bias", "score_frcolor.weight", "score_frcolor.bias", "conv1hha.weight", "conv1hha.bias" }, report.Loaded);
        Assert.Equal(new[] { "fuse.weight", "fuse.bias" }, report.Missing);
        Assert.Equal(new[] { "score_frhha.bias", "score_frhha.weight" }, report.Unexpected);
        Dictionary<string, Tensor> loaded = model.state_dict();
        Assert.Equal(1f, loaded["conv1color.weight"].item<float>());
        Assert.Equal(2.5f, loaded["conv1hha.bias"].item<float>());
        Assert.Equal(new[] { 10f, 10f, 10f }, loaded["score_frcolor.weight"].data<float>().ToArray());
    }

    [Fact]
    public void Two_streams_with_one_suffix_are_refused()
    {
        using var model = new TwoStreamNet();
        var error = Assert.Throws<ArgumentException>(() => TwoStreamInitialization.FromStreams(model, ("color", Stream(1)), ("color", Stream(2))));
        Assert.Contains("both fill", error.Message);
    }
}
