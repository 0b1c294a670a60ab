using System;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Makes sure the hand-written baseline is the same network as the generated model before the two are
/// compared: the generated model's weights are randomized (its score layers start at zero, which would
/// make any two outputs equal), copied into the hand-written model by state-dict key, and both are run
/// on one input in eval mode. Both then keep these weights for the timings.
/// </summary>
public static class EquivalenceCheck
{
    /// <summary>Null when the outputs agree; otherwise why the baseline does not match.</summary>
    public static string? Run(SegmentationNet generated, SegmentationNet handWritten, int size)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            foreach (var (name, parameter) in generated.Module.named_parameters())
            {
                if (parameter.dim() < 2) continue; // biases and batch-norm affine parameters keep their values
                long fanIn = parameter.numel() / parameter.shape[0];
                parameter.normal_(0, Math.Sqrt(2.0 / fanIn));
            }
        }

        try
        {
            handWritten.Module.load_state_dict(generated.Module.state_dict(), strict: true);
        }
        catch (Exception exception)
        {
            return "state dicts differ: " + exception.Message;
        }

        generated.Module.eval();
        handWritten.Module.eval();
        using var inference = inference_mode();
        Tensor input = randn(1, 3, size, size);
        var expected = generated.Run(input);
        var actual = handWritten.Run(input);
        if (expected.Count != actual.Count) return $"{expected.Count} outputs generated, {actual.Count} hand-written";
        for (int i = 0; i < expected.Count; i++)
        {
            if (!expected[i].shape.AsSpan().SequenceEqual(actual[i].shape))
                return $"output {i}: shape [{string.Join(",", expected[i].shape)}] generated, [{string.Join(",", actual[i].shape)}] hand-written";
            // Issue 13's bound: max |difference| <= 1e-4 * max |output| + 1e-6. Elementwise allclose would fail on
            // float rounding where the two run different kernels (channels-last vs NCHW) on large outputs.
            double difference = (expected[i] - actual[i]).abs().max().item<float>();
            double scale = expected[i].abs().max().item<float>();
            if (difference > 1e-4 * scale + 1e-6)
                return $"output {i}: max |difference| {difference:G3} against max |output| {scale:G3}";
        }

        return null;
    }
}
