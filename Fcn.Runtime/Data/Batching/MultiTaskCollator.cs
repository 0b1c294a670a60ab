using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Fcn.Runtime.Data.Batching;

/// <summary>
/// <see cref="BatchCollator"/> for samples with one mask per head: pads inputs with 0 (after normalization,
/// the mean) and each head's masks with that head's void label, so padding never reaches a loss or a metric.
/// </summary>
public static class MultiTaskCollator
{
    /// <summary>Pads and stacks normalized <c>[C, H, W]</c> inputs and per-head <c>[H, W]</c> masks.</summary>
    /// <param name="samples">Name, input and one mask per head, for each sample.</param>
    /// <param name="voidLabels">Each head's void label, in the masks' order.</param>
    public static SegmentationBatch Collate(IReadOnlyList<(string Name, Tensor Input, IReadOnlyList<Tensor> Masks)> samples, IReadOnlyList<long> voidLabels)
    {
        if (samples.Count == 0) throw new ArgumentException("A batch needs at least one sample.", nameof(samples));

        using var scope = NewDisposeScope();
        long height = samples.Max(s => s.Input.shape[1]);
        long width = samples.Max(s => s.Input.shape[2]);
        var inputs = new List<Tensor>();
        var masks = voidLabels.Select(_ => new List<Tensor>()).ToArray();
        foreach ((string _, Tensor input, IReadOnlyList<Tensor> headMasks) in samples)
        {
            long[] pad = { 0, width - input.shape[2], 0, height - input.shape[1] };
            bool needsPad = pad[1] > 0 || pad[3] > 0;
            inputs.Add(needsPad ? F.pad(input, pad, value: 0) : input);
            for (int h = 0; h < masks.Length; h++)
                masks[h].Add(needsPad ? F.pad(headMasks[h], pad, value: voidLabels[h]) : headMasks[h]);
        }

        return new SegmentationBatch(
            stack(inputs).MoveToOuterDisposeScope(),
            masks.Select(m => stack(m).MoveToOuterDisposeScope()).ToArray(),
            samples.Select(s => s.Name).ToArray());
    }
}
