using Fcn.Runtime.Training.Optimization;
using Fcn.Training.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Training;

public sealed class MomentumSgdTests
{
    [Fact]
    public void Two_steps_follow_the_pytorch_update_rule_with_caffe_bias_multipliers()
    {
        // lr 0.1, momentum 0.9, weight decay 0.1, biases 2x lr and no decay. Both parameters start at 1
        // and get gradient 0.5 on every step (loss = 0.5 * (w + b)).
        // weight: step 1 d = 0.5 + 0.1*1 = 0.6, v = 0.6, w = 1 - 0.1*0.6 = 0.94
        //         step 2 d = 0.5 + 0.1*0.94 = 0.594, v = 0.9*0.6 + 0.594 = 1.134, w = 0.94 - 0.1134 = 0.8266
        // bias:   step 1 d = 0.5, v = 0.5, b = 1 - 0.2*0.5 = 0.9
        //         step 2 d = 0.5, v = 0.45 + 0.5 = 0.95, b = 0.9 - 0.2*0.95 = 0.71
        var weight = new Parameter(ones(1));
        var bias = new Parameter(ones(1));
        var frozen = new Parameter(ones(1), requires_grad: false);
        var options = new SgdOptions(0.1, Momentum: 0.9, WeightDecay: 0.1, BiasLearningRateMultiplier: 2, BiasWeightDecay: false);
        using var sgd = new MomentumSgd(new[] { ("conv.weight", weight), ("conv.bias", bias), ("up.weight", frozen) }, options);

        Assert.Equal(new[] { "conv.weight", "conv.bias" }, sgd.ParameterNames);
        for (int step = 0; step < 2; step++)
        {
            using Tensor loss = weight.add(bias).mul(0.5).sum();
            loss.backward();
            sgd.Step();
            sgd.ZeroGrad();
        }

        Assert.Equal(0.8266, weight.item<float>(), 5);
        Assert.Equal(0.71, bias.item<float>(), 5);
        Assert.Equal(1.0, frozen.item<float>());
    }

    [Fact]
    public void Poly_schedule_is_torchvisions_formula()
    {
        // (1 - 5/10)^0.9 = 0.5^0.9 = 0.5358867; step 0 -> 1; the last step -> 0.
        Assert.Equal(0.5358867, LearningRateSchedule.Poly.Factor(5, 10, 0.9), 6);
        Assert.Equal(1.0, LearningRateSchedule.Poly.Factor(0, 10, 0.9));
        Assert.Equal(0.0, LearningRateSchedule.Poly.Factor(10, 10, 0.9));
        Assert.Equal(1.0, LearningRateSchedule.Fixed.Factor(5, 10, 0.9));
    }

    [Fact]
    public void Frozen_model_parameters_are_not_optimized()
    {
        using var model = new PixelClassifier(classes: 4);
        using var sgd = new MomentumSgd(System.Linq.Enumerable.Select(model.named_parameters(), p => (p.name, p.parameter)), new SgdOptions(0.1));
        Assert.DoesNotContain("calibration.weight", sgd.ParameterNames);
        Assert.Contains("conv1.weight", sgd.ParameterNames);
    }
}
