using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Data.Binding;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data.Batching;

/// <summary>
/// Walks a dataset epoch by epoch in batches: seeded order, augmentation, normalization, padding.
/// Every random choice is keyed by (seed, epoch, sample), so batch b of epoch e is the same whether the
/// run started at epoch 0 or resumed right before it.
/// </summary>
public sealed class SegmentationLoader
{
    private const long ShuffleStream = 1;
    private const long AugmentStream = 2;
    private readonly List<SampleLoadException> _skipped = new();

    /// <summary>Creates a loader over <paramref name="dataset"/>.</summary>
    public SegmentationLoader(ISegmentationDataset dataset, LoaderOptions options)
    {
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "Batch size must be at least 1.");
        }

        Dataset = dataset;
        Options = options;
    }

    /// <summary>The dataset.</summary>
    public ISegmentationDataset Dataset { get; }

    /// <summary>The options.</summary>
    public LoaderOptions Options { get; }

    /// <summary>Batches per epoch (the last one may be smaller).</summary>
    public int BatchesPerEpoch => (Dataset.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>Samples skipped so far because they failed to load (only with <see cref="LoaderOptions.SkipBadSamples"/>).</summary>
    public IReadOnlyList<SampleLoadException> Skipped => _skipped;

    /// <summary>
    /// The batches of <paramref name="epoch"/>, starting at batch <paramref name="firstBatch"/>. A batch
    /// whose samples were all skipped is left out. The caller disposes each batch.
    /// </summary>
    public IEnumerable<(int Index, SegmentationBatch Batch)> Batches(int epoch, int firstBatch = 0)
    {
        int[] order = Order(epoch);
        for (int b = firstBatch; b < BatchesPerEpoch; b++)
        {
            SegmentationBatch? batch = Build(order, epoch, b);
            if (batch is not null)
            {
                yield return (b, batch);
            }
        }
    }

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the samples.</summary>
    public int[] Order(int epoch)
    {
        var order = new int[Dataset.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (Options.Shuffle)
        {
            new KeyedRandom(Options.Seed, ShuffleStream, epoch).Shuffle(order);
        }

        return order;
    }

    private SegmentationBatch? Build(int[] order, int epoch, int batchIndex)
    {
        // Not an iterator: a dispose scope must never stay open across a yield.
        using var scope = NewDisposeScope();
        var prepared = new List<(string, Tensor, Tensor)>();
        var multiTask = new List<(string, Tensor, IReadOnlyList<Tensor>)>();
        int end = Math.Min(order.Length, (batchIndex + 1) * Options.BatchSize);
        for (int i = batchIndex * Options.BatchSize; i < end; i++)
        {
            SegmentationSample sample;
            try
            {
                sample = Dataset.Load(order[i]);
            }
            catch (SampleLoadException e) when (Options.SkipBadSamples)
            {
                _skipped.Add(e);
                continue;
            }

            if (Options.Binding is { IsPlain: false } binding)
            {
                multiTask.Add(PrepareBound(sample, binding, epoch, order[i]));
                continue;
            }

            Tensor image = Options.Binding is null ? sample.Image : sample.Input(Options.Binding.Inputs[0].DataInput);
            Tensor mask = Options.Binding is null ? sample.Mask : sample.Label(Options.Binding.Heads[0].Label);
            if (Options.Augmentation is not null)
            {
                (image, mask) = Options.Augmentation.Apply(image, mask, new KeyedRandom(Options.Seed, AugmentStream, epoch, order[i]));
            }

            prepared.Add((sample.Name, Options.Normalization.Apply(image), mask));
        }

        if (prepared.Count == 0 && multiTask.Count == 0)
        {
            return null;
        }

        SegmentationBatch batch = multiTask.Count > 0
            ? MultiTaskCollator.Collate(multiTask, Options.Binding!.Heads.Select(head => head.VoidLabel).ToArray())
            : BatchCollator.Collate(prepared);
        batch.Images.MoveToOuterDisposeScope();
        foreach (Tensor mask in batch.HeadMasks) mask.MoveToOuterDisposeScope();
        return batch;
    }

    /// <summary>
    /// A sample through a binding: each model input normalized on its own (an image by its convention, a
    /// log-depth as it is) and concatenated in the model's order, then augmented with each head's mask, every
    /// mask with the same key, so all of them see the same scale, crop and flip.
    /// </summary>
    private (string, Tensor, IReadOnlyList<Tensor>) PrepareBound(SegmentationSample sample, DataBinding binding, int epoch, int index)
    {
        Tensor input = cat(binding.Inputs.Select(bound =>
        {
            Tensor x = sample.Input(bound.DataInput);
            return bound.Encoding == InputEncoding.Normalized ? x : (bound.Normalization ?? Options.Normalization).Apply(x);
        }).ToArray(), 0);
        var masks = new List<Tensor>();
        Tensor augmented = input;
        foreach (HeadBinding head in binding.Heads)
        {
            Tensor mask = sample.Label(head.Label);
            if (Options.Augmentation is not null)
            {
                // The same draws for every head: KeyedRandom is a pure function of its key.
                (augmented, mask) = Options.Augmentation.Apply(input, mask, new KeyedRandom(Options.Seed, AugmentStream, epoch, index));
            }

            masks.Add(mask);
        }

        return (sample.Name, augmented, masks);
    }
}
