using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Data;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Support;

/// <summary>A dataset of given arrays: named inputs and labels per sample, cloned on every load.</summary>
internal sealed class InMemoryDataset : ISegmentationDataset
{
    private readonly List<(Tensor[] Inputs, Tensor[] Labels)> _samples = new();

    public InMemoryDataset(IReadOnlyList<SampleInputInfo> inputs, IReadOnlyList<SampleLabelInfo> labels)
    {
        Inputs = inputs;
        Labels = labels;
    }

    public IReadOnlyList<SampleInputInfo> Inputs { get; }

    public IReadOnlyList<SampleLabelInfo> Labels { get; }

    public int Count => _samples.Count;

    public void Add(Tensor[] inputs, Tensor[] labels) => _samples.Add((inputs, labels));

    public string NameOf(int index) => "sample" + index;

    public SegmentationSample Load(int index) => new(NameOf(index),
        _samples[index].Inputs.Select((t, i) => new NamedTensor(Inputs[i].Name, t.clone())).ToArray(),
        _samples[index].Labels.Select((t, i) => new NamedTensor(Labels[i].Name, t.clone())).ToArray());
}
