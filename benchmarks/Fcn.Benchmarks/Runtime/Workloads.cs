using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// The two things a user does with a model, as actions the harness times: inference (eval mode, inside
/// <c>inference_mode</c>) and one training step (forward, loss, backward, SGD step). Every tensor made
/// during an action is disposed at its end, so repetitions do not pile up native memory.
/// </summary>
public static class Workloads
{
    public static Action Forward(SegmentationNet net, Tensor input) => () =>
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        net.Run(input);
    };

    /// <summary>
    /// One step of plain SGD (lr 1e-3, momentum 0.9) on the mean cross-entropy of the main output, plus
    /// half that of the auxiliary output where there is one (torchvision's reference recipe). Gradients
    /// are dropped before the step (<c>zero_grad(set_to_none: true)</c>, as the trainer's MomentumSgd and
    /// PyTorch 2's default do) unless <paramref name="zeroInPlace"/> asks for the old way, zeroing each
    /// buffer. The returned optimizer belongs to the caller.
    /// </summary>
    public static (Action Step, IDisposable Optimizer) TrainingStep(SegmentationNet net, Tensor input, Tensor target, bool zeroInPlace = false)
    {
        var optimizer = optim.SGD(net.Module.parameters(), 1e-3, momentum: 0.9);
        void Step()
        {
            using var scope = NewDisposeScope();
            net.Module.zero_grad(set_to_none: !zeroInPlace);
            var outputs = net.Run(input);
            Tensor loss = nn.functional.cross_entropy(outputs[0], target);
            for (int i = 1; i < outputs.Count; i++) loss = loss + 0.5 * nn.functional.cross_entropy(outputs[i], target);
            loss.backward();
            optimizer.step();
        }

        return (Step, optimizer);
    }
}
