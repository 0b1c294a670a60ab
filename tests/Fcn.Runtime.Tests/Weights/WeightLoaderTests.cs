using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Fcn.Runtime.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Weights;

public sealed class WeightLoaderTests
{
    public WeightLoaderTests() => TorchSetup.Ensure();

    [Fact]
    public void PyTorch_weights_load_into_the_tiny_net_and_reproduce_PyTorchs_output()
    {
        // tiny-fcn8s.pt and tiny-fcn8s.out.bin: the spec's network built in PyTorch 1.13 (make_fixtures.py).
        using var model = new TinyFcn8sByHand();
        WeightLoadReport report = WeightLoader.LoadFile(model, Fixtures.PathOf("tiny-fcn8s.pt"));
        Assert.True(report.IsComplete, report.ToTable());
        Assert.Equal(Fixtures.ReadModel("tiny-fcn8s").Keys.Count, report.Loaded.Count);

        model.eval();
        using var noGrad = no_grad();
        using Tensor input = DeterministicWeights.Input(1, 3, 53, 61);
        using Tensor output = model.forward(input);
        using Tensor expected = Fixtures.ReadTensor("tiny-fcn8s.out.bin");
        TensorAssert.Conforms(expected, output, "tiny-fcn8s");
    }

    [Fact]
    public void Shape_mismatched_score_layers_are_skipped_and_reported_while_the_rest_loads()
    {
        // Transfer learning: 4-class weights into a 5-class net. score_fr, score_pool3, score_pool4
        // (weight and bias) and the three upsampling weights differ in shape: 9 of the 23 keys
        // (conv1_1..conv5_1, fc6, fc7: 14 weight and bias tensors load).
        using var model = new TinyFcn8sByHand(classes: 5);
        using Tensor scoreBefore = model.state_dict()["score_fr.weight"].clone();
        WeightLoadReport report = WeightLoader.LoadFile(model, Fixtures.PathOf("tiny-fcn8s.pt"));

        string[] mismatched =
        {
            "score_fr.bias", "score_fr.weight", "score_pool3.bias", "score_pool3.weight",
            "score_pool4.bias", "score_pool4.weight", "upscore2.weight", "upscore8.weight", "upscore_pool4.weight",
        };
        Assert.Equal(mismatched, report.ShapeMismatched.Select(m => m.Key).ToArray());
        Assert.Equal(new long[] { 5, 128, 1, 1 }, report.ShapeMismatched.Single(m => m.Key == "score_fr.weight").Expected);
        Assert.Equal(new long[] { 4, 128, 1, 1 }, report.ShapeMismatched.Single(m => m.Key == "score_fr.weight").Found);
        Assert.Equal(14, report.Loaded.Count);
        Assert.Equal(mismatched.OrderBy(k => k), report.Missing.OrderBy(k => k));
        Assert.Empty(report.Unexpected);
        Assert.True(model.state_dict()["score_fr.weight"].equal(scoreBefore).all().item<bool>());

        string table = report.ToTable();
        Assert.Contains("shape mismatch", table);
        Assert.Contains("module [5, 128, 1, 1], file [4, 128, 1, 1]", table);
    }

    [Fact]
    public void KeyMap_renames_and_drops_by_prefix()
    {
        // A checkpoint saved from a wrapper ("module." prefix) with an extra head to ignore.
        using var source = new TinyFcn8sByHand();
        var stateDict = source.state_dict().ToDictionary(e => "module." + e.Key, e => e.Value);
        stateDict["module.extra.weight"] = ones(3);

        using var model = new TinyFcn8sByHand();
        KeyMap map = KeyMap.Identity.Drop("module.extra.").RenamePrefix("module.", "");
        WeightLoadReport report = WeightLoader.Load(model, stateDict, map);

        Assert.True(report.IsComplete, report.ToTable());
        Assert.Equal(new[] { "module.extra.weight" }, report.Dropped);
        Assert.True(model.state_dict()["fc6.weight"].equal(source.state_dict()["fc6.weight"]).all().item<bool>());
    }

    [Fact]
    public void Unknown_keys_are_reported_not_thrown()
    {
        using var model = new TinyFcn8sByHand();
        var stateDict = new Dictionary<string, Tensor> { ["classifier.7.weight"] = ones(2) };
        WeightLoadReport report = WeightLoader.Load(model, stateDict);
        Assert.Equal(new[] { "classifier.7.weight" }, report.Unexpected);
        Assert.Empty(report.Loaded);
        Assert.Equal(model.state_dict().Count, report.Missing.Count);
        Assert.False(report.IsComplete);
    }

    [Fact]
    public void KeyMap_rules_apply_in_order_first_match_wins()
    {
        KeyMap map = KeyMap.Identity.RenamePrefix("backbone.", "trunk.").Drop("backbone.");
        Assert.Equal("trunk.conv1.weight", map.Apply("backbone.conv1.weight"));
        Assert.Equal("fc.weight", map.Apply("fc.weight"));
        Assert.Null(KeyMap.Identity.Drop("fc.").Apply("fc.bias"));
    }
}
