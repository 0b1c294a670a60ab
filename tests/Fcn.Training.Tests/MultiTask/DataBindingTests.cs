using System.Collections.Generic;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Training.Tests.Support;
using Xunit;

namespace Fcn.Training.Tests.MultiTask;

public sealed class DataBindingTests
{
    [Fact]
    public void A_plain_model_takes_a_plain_datasets_only_input_and_label_whatever_their_names()
    {
        using var model = new PixelClassifier(4);
        DataBinding binding = DataBinding.Create(model.Info, new SyntheticShapesDataset(SyntheticShapesOptions.Train(1)));

        Assert.True(binding.IsPlain);
        Assert.Equal(("input", "image"), (binding.Inputs[0].ModelInput, binding.Inputs[0].DataInput));
        Assert.Equal(("out", "mask"), (binding.Heads[0].Head, binding.Heads[0].Label));
    }

    [Fact]
    public void Inputs_and_heads_match_by_name_and_maps_override_names()
    {
        using var model = new TwoHeadPassthrough();
        var dataset = new InMemoryDataset(
            new[] { new SampleInputInfo("x", 2, InputEncoding.Normalized), new SampleInputInfo("b", 3, InputEncoding.Normalized) },
            new[] { new SampleLabelInfo("geo"), new SampleLabelInfo("semantic") });

        DataBinding binding = DataBinding.Create(model.Info, dataset, new DataBindingOptions(
            Inputs: new Dictionary<string, string> { ["a"] = "x" },
            Labels: new Dictionary<string, string> { ["sem"] = "semantic" },
            HeadWeights: new Dictionary<string, double> { ["geo"] = 0.5 }));

        Assert.False(binding.IsPlain);
        Assert.Equal(new[] { "x", "b" }, new[] { binding.Inputs[0].DataInput, binding.Inputs[1].DataInput });
        Assert.Equal(("sem", "semantic", 1.0), (binding.Heads[0].Head, binding.Heads[0].Label, binding.Heads[0].Weight));
        Assert.Equal(("geo", "geo", 0.5, 1), (binding.Heads[1].Head, binding.Heads[1].Label, binding.Heads[1].Weight, binding.Heads[1].OutputIndex));
    }

    [Fact]
    public void A_multi_input_model_on_plain_data_says_what_it_reads_and_what_the_data_has()
    {
        using var model = new TwoHeadPassthrough();
        var error = Assert.Throws<DataMismatchException>(() =>
            DataBinding.Create(model.Info, new SyntheticShapesDataset(SyntheticShapesOptions.Train(1))));

        Assert.Contains("reads the inputs a (2 channels), b (3 channels)", error.Message);
        Assert.Contains("the data has image (3 channels)", error.Message);
        Assert.Contains("Map each model input", error.Message);
    }

    [Fact]
    public void Different_channel_counts_and_too_many_label_classes_are_mismatches()
    {
        using var model = new TwoHeadPassthrough();
        var wrongChannels = new InMemoryDataset(
            new[] { new SampleInputInfo("a", 2), new SampleInputInfo("b", 1) },
            new[] { new SampleLabelInfo("sem"), new SampleLabelInfo("geo") });
        Assert.Contains("input 'b' has 3 channels but the data's 'b' has 1 channel",
            Assert.Throws<DataMismatchException>(() => DataBinding.Create(model.Info, wrongChannels)).Message);

        var tooManyClasses = new InMemoryDataset(
            new[] { new SampleInputInfo("a", 2), new SampleInputInfo("b", 3) },
            new[] { new SampleLabelInfo("sem", Classes: 5), new SampleLabelInfo("geo") });
        Assert.Contains("'sem' has 5 classes but TwoHeadPassthrough's head 'sem' predicts 2",
            Assert.Throws<DataMismatchException>(() => DataBinding.Create(model.Info, tooManyClasses, headClasses: new[] { 2, 3 })).Message);
        Assert.Contains("has no head 'depth'",
            Assert.Throws<DataMismatchException>(() => DataBinding.Create(model.Info, tooManyClasses,
                new DataBindingOptions(HeadWeights: new Dictionary<string, double> { ["depth"] = 1 }))).Message);
    }
}
