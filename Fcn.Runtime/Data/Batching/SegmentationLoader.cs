using System;
using System.Collections.Generic;
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

            Tensor image = sample.Image, mask = sample.Mask;
            if (Options.Augmentation is not null)
            {
                (image, mask) = Options.Augmentation.Apply(image, mask, new KeyedRandom(Options.Seed, AugmentStream, epoch, order[i]));
            }

            prepared.Add((sample.Name, Options.Normalization.Apply(image), mask));
        }

        if (prepared.Count == 0)
        {
            return null;
        }

        SegmentationBatch batch = BatchCollator.Collate(prepared);
        batch.Images.MoveToOuterDisposeScope();
        batch.Masks.MoveToOuterDisposeScope();
        return batch;
    }
}
