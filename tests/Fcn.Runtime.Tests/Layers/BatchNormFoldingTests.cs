using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Backbones;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Tests.Support;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Layers;

/// <summary>
/// <see cref="BatchNormFolding"/>: a folded pair computes what the convolution and the batch norm compute in turn
/// (by hand for one pair, against the unfolded ResNet-50 trunk on random statistics), only inside its scope, and
/// never while training.
/// </summary>
public sealed class BatchNormFoldingTests
{
    public BatchNormFoldingTests() => TorchSetup.Ensure();

    /// <summary>One 1x1 convolution into one batch norm, through <see cref="Convolution2d.ForwardThrough"/>.</summary>
    private sealed class ConvolutionThenNorm : nn.Module<Tensor, Tensor>, IBatchNormPairs
    {
        public readonly Convolution2d conv;
        public readonly BatchNorm2d bn;

        public ConvolutionThenNorm() : base(nameof(ConvolutionThenNorm))
        {
            conv = new Convolution2d(1, 1, 1, bias: false);
            bn = nn.BatchNorm2d(1);
            RegisterComponents();
        }

        public IEnumerable<(Convolution2d Convolution, BatchNorm2d Norm)> BatchNormPairs => new[] { (conv, bn) };

        public override Tensor forward(Tensor input) => conv.ForwardThrough(bn, input);
    }

    private static ConvolutionThenNorm HandPair()
    {
        var pair = new ConvolutionThenNorm();
        using (no_grad())
        {
            // w = 2; gamma = 3, beta = 1, mean = 0.5, var + eps = 4: s = 3 / 2 = 1.5, folded w = 3, folded b = 1 - 0.5 * 1.5 = 0.25.
            pair.conv.weight.fill_(2.0);
            pair.bn.weight!.fill_(3.0);
            pair.bn.bias!.fill_(1.0);
            pair.bn.running_mean!.fill_(0.5);
            pair.bn.running_var!.fill_(4.0 - pair.bn.eps);
        }

        pair.eval();
        return pair;
    }

    [Fact]
    public void A_folded_pair_has_the_hand_calculated_weight_and_bias_and_output()
    {
        using var scope = NewDisposeScope();
        using ConvolutionThenNorm pair = HandPair();
        // x = 1: conv 2, batch norm (2 - 0.5) / 2 * 3 + 1 = 3.25; x = 2: conv 4, (4 - 0.5) / 2 * 3 + 1 = 6.25.
        Tensor input = tensor(new[] { 1f, 2f }).view(1, 1, 1, 2);
        using (inference_mode())
        {
            Tensor unfolded = pair.call(input);
            using (BatchNormFolding.Fold(pair))
            {
                Assert.Equal(3f, pair.conv.FoldedNorm!.Weight.item<float>(), 5);
                Assert.Equal(0.25f, pair.conv.FoldedNorm.Bias.item<float>(), 5);
                Tensor folded = pair.call(input);
                Assert.Equal(new[] { 3.25f, 6.25f }, folded.data<float>().ToArray().Select(v => (float)System.Math.Round(v, 4)));
            }

            Assert.Null(pair.conv.FoldedNorm);
            Assert.Equal(new[] { 3.25f, 6.25f }, unfolded.data<float>().ToArray().Select(v => (float)System.Math.Round(v, 4)));
        }
    }

    [Fact]
    public void Training_inside_a_scope_uses_the_batch_statistics_and_the_real_parameters()
    {
        using var scope = NewDisposeScope();
        using ConvolutionThenNorm pair = HandPair();
        // Batch mean of conv outputs 2 and 4 is 3 and their biased variance 1: (2 - 3) / 1 * 3 + 1 = -2, and +4.
        Tensor input = tensor(new[] { 1f, 2f }).view(1, 1, 1, 2);
        using (BatchNormFolding.Fold(pair))
        {
            pair.train();
            Tensor training = pair.call(input);
            float[] values = training.data<float>().ToArray();
            Assert.Equal(-2f, values[0], 2);
            Assert.Equal(4f, values[1], 2);
            training.sum().backward();
            Assert.NotNull(pair.conv.weight.grad);

            // Autograd off but the batch norm still in train mode: batch statistics again, not the fold.
            using (no_grad()) Assert.Equal(-2f, pair.call(input).data<float>()[0], 2);
        }
    }

    [Fact]
    public void A_ResNet50_trunk_folded_computes_what_it_does_unfolded_and_unfolds_after_the_scope()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var trunk = new ResNetBackbone(50, new[] { false, true, true });
        using (no_grad())
        {
            // Random statistics and affine parameters in every batch norm (the initial 1 and 0 would fold to nothing).
            foreach (var (name, tensor) in trunk.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).Concat(trunk.named_buffers()))
            {
                if (!tensor.is_floating_point() || tensor.dim() != 1) continue;
                tensor.uniform_(name.EndsWith("running_var") || name.EndsWith("weight") ? 0.5 : -0.2, name.EndsWith("running_var") || name.EndsWith("weight") ? 1.5 : 0.2);
            }
        }

        trunk.eval();
        Tensor input = randn(2, 3, 41, 35);
        Convolution2d[] convolutions = trunk.modules().OfType<Convolution2d>().ToArray();
        ResNetFeatures unfolded, folded;
        using (inference_mode())
        {
            unfolded = trunk.call(input);
            using (BatchNormFolding.Fold(trunk))
            {
                // Every convolution of the trunk feeds a batch norm: the stem, 16 x 3 in the bottlenecks, 4 shortcuts.
                Assert.Equal(53, convolutions.Count(c => c.FoldedNorm is not null));
                using (BatchNormFolding.Fold(trunk))
                {
                }

                // The inner scope found every pair folded already and leaves them to the outer one.
                Assert.Equal(53, convolutions.Count(c => c.FoldedNorm is not null));
                folded = trunk.call(input);
            }
        }

        Assert.All(convolutions, c => Assert.Null(c.FoldedNorm));
        foreach (var (expected, actual) in new[] { (unfolded.Layer1, folded.Layer1), (unfolded.Layer3, folded.Layer3), (unfolded.Layer4, folded.Layer4) })
        {
            double tolerance = 1e-4 * expected.abs().max().item<float>() + 1e-6;
            Assert.True((expected - actual).abs().max().item<float>() <= tolerance);
        }
    }
}
