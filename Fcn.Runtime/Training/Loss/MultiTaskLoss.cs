using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training.Loss;

/// <summary>
/// The loss of a multi-task net (SIFT Flow's semantic and geometric heads trained jointly, as the Caffe reference's
/// two SoftmaxWithLoss layers are summed by the solver): the sum over heads of weight_h * loss(head_h, label_h),
/// each head's loss a <see cref="SegmentationLoss"/> that ignores that head's own void label, plus every auxiliary
/// output (an output that is not a head) against the main head's labels with the auxiliary weight.
/// </summary>
public sealed class MultiTaskLoss
{
    private readonly IReadOnlyList<HeadBinding> _heads;
    private readonly SegmentationLoss[] _losses;
    private readonly int[] _auxiliaryOutputs;
    private readonly double _auxiliaryWeight;

    /// <summary>Creates the loss.</summary>
    /// <param name="options">The per-pixel loss; its class weights apply to the main head only (the other heads have other classes), its ignore index is replaced by each head's void label.</param>
    /// <param name="heads">The heads, main head first.</param>
    /// <param name="outputCount">How many outputs the model returns; those that are no head's are auxiliary.</param>
    /// <param name="auxiliaryWeight">The factor of each auxiliary output's loss.</param>
    public MultiTaskLoss(SegmentationLossOptions options, IReadOnlyList<HeadBinding> heads, int outputCount, double auxiliaryWeight)
    {
        if (heads.Count == 0) throw new ArgumentException("A multi-task loss needs at least one head.", nameof(heads));
        _heads = heads;
        _losses = heads.Select((head, h) => new SegmentationLoss(options with
        {
            IgnoreIndex = head.VoidLabel,
            ClassWeights = h == 0 ? options.ClassWeights : null,
        })).ToArray();
        _auxiliaryOutputs = Enumerable.Range(0, outputCount).Where(o => heads.All(head => head.OutputIndex != o)).ToArray();
        _auxiliaryWeight = auxiliaryWeight;
        Options = options;
    }

    /// <summary>The per-pixel loss options the heads share.</summary>
    public SegmentationLossOptions Options { get; }

    /// <summary>
    /// The loss of <paramref name="outputs"/> (as <see cref="ISegmentationModel.ForwardOutputs"/> returns them) against
    /// <paramref name="headMasks"/> (one <c>[N, H, W]</c> per head, in the heads' order). <paramref name="sampling"/>
    /// gives the loss-sampling stream of an output index (null without loss sampling).
    /// </summary>
    public Tensor Compute(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> headMasks, Func<int, KeyedRandom?>? sampling = null)
    {
        if (headMasks.Count != _heads.Count) throw new ArgumentException($"{_heads.Count} heads but {headMasks.Count} masks.", nameof(headMasks));
        using var scope = NewDisposeScope();
        Tensor? total = null;
        for (int h = 0; h < _heads.Count; h++)
        {
            int output = _heads[h].OutputIndex;
            RequireLabelsWithinClasses(_heads[h], headMasks[h], outputs[output].shape[1]);
            Tensor term = _losses[h].Compute(outputs[output], headMasks[h], sampling?.Invoke(output)).mul(_heads[h].Weight);
            total = total is null ? term : total.add(term);
        }

        foreach (int output in _auxiliaryOutputs)
        {
            total = total!.add(_losses[0].Compute(outputs[output], headMasks[0], sampling?.Invoke(output)), _auxiliaryWeight);
        }

        return total!.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A label at or above the head's class count (other than its void label) would stop libtorch's cross-entropy
    /// with "Target N is out of bounds"; a dataset that declares no class count (an NYUD folder) can only be caught
    /// here, at the first batch that holds one.
    /// </summary>
    /// <exception cref="DataMismatchException">The mask holds a label the head cannot predict.</exception>
    private static void RequireLabelsWithinClasses(HeadBinding head, Tensor mask, long classes)
    {
        using var scope = NewDisposeScope();
        Tensor valid = mask.ne(head.VoidLabel);
        if (!valid.any().item<bool>()) return;
        long largest = mask.masked_select(valid).max().item<long>();
        long smallest = mask.masked_select(valid).min().item<long>();
        if (largest < classes && smallest >= 0) return;
        long offending = largest >= classes ? largest : smallest;
        throw new DataMismatchException(
            $"The labels '{head.Label}' of head '{head.Head}' hold the value {offending}, but the head predicts {classes} classes (0 to {classes - 1}) "
            + $"and its void label is {head.VoidLabel}; build the model with the data's class count for that head, or set the head's void label "
            + "(--void-label HEAD=N) if those pixels should be ignored.");
    }
}
