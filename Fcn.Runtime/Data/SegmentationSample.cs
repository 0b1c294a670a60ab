using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Fcn.Runtime.Data;

/// <summary>
/// One sample on the CPU: one or more named inputs <c>[C, H, W]</c> float32 and one or more named label masks
/// <c>[H, W]</c> int64, all of one height and width. A plain sample has one RGB <c>image</c> in 0..255 (not yet
/// normalized) and one <c>mask</c> with 255 = void; a NYUD sample has <c>color</c> and <c>depth</c> (or <c>hha</c>),
/// a multi-task sample one label per head (<c>sem</c>, <c>geo</c>).
/// </summary>
/// <remarks>The tensors belong to the dispose scope that was current when the sample was loaded.</remarks>
public sealed class SegmentationSample : IDisposable
{
    /// <summary>The name of a plain sample's single input.</summary>
    public const string ImageName = "image";

    /// <summary>The name of a plain sample's single label.</summary>
    public const string MaskName = "mask";

    /// <summary>Creates a plain sample (one RGB image, one mask); the shapes must agree.</summary>
    public SegmentationSample(string name, Tensor image, Tensor mask)
    {
        if (image.dim() != 3 || mask.dim() != 2 || image.shape[1] != mask.shape[0] || image.shape[2] != mask.shape[1])
        {
            throw new ArgumentException(
                $"Sample '{name}': image [{string.Join(", ", image.shape)}] and mask [{string.Join(", ", mask.shape)}] do not match.");
        }

        Name = name;
        Inputs = new[] { new NamedTensor(ImageName, image) };
        Labels = new[] { new NamedTensor(MaskName, mask) };
    }

    /// <summary>Creates a sample of named inputs <c>[C, H, W]</c> and named masks <c>[H, W]</c>, all of one height and width.</summary>
    public SegmentationSample(string name, IReadOnlyList<NamedTensor> inputs, IReadOnlyList<NamedTensor> labels)
    {
        if (inputs.Count == 0 || labels.Count == 0)
        {
            throw new ArgumentException($"Sample '{name}': a sample has at least one input and one label.");
        }

        long height = labels[0].Tensor.shape[0], width = labels[0].Tensor.dim() == 2 ? labels[0].Tensor.shape[1] : -1;
        bool fits = inputs.All(i => i.Tensor.dim() == 3 && i.Tensor.shape[1] == height && i.Tensor.shape[2] == width)
            && labels.All(l => l.Tensor.dim() == 2 && l.Tensor.shape[0] == height && l.Tensor.shape[1] == width);
        if (!fits)
        {
            throw new ArgumentException($"Sample '{name}': inputs ("
                + string.Join(", ", inputs.Select(i => $"{i.Name} [{string.Join(", ", i.Tensor.shape)}]")) + ") and labels ("
                + string.Join(", ", labels.Select(l => $"{l.Name} [{string.Join(", ", l.Tensor.shape)}]")) + ") are not all of one height and width.");
        }

        Name = name;
        Inputs = inputs;
        Labels = labels;
    }

    /// <summary>The sample's identifier (file stem or synthetic index).</summary>
    public string Name { get; }

    /// <summary>The inputs, in the dataset's order (<see cref="ISegmentationDataset.Inputs"/>).</summary>
    public IReadOnlyList<NamedTensor> Inputs { get; }

    /// <summary>The label masks, in the dataset's order (<see cref="ISegmentationDataset.Labels"/>).</summary>
    public IReadOnlyList<NamedTensor> Labels { get; }

    /// <summary>The first input: a plain sample's RGB image <c>[3, H, W]</c>, float32, 0..255.</summary>
    public Tensor Image => Inputs[0].Tensor;

    /// <summary>The first label: a plain sample's class indices <c>[H, W]</c>, int64, 255 = void.</summary>
    public Tensor Mask => Labels[0].Tensor;

    /// <summary>Height in pixels.</summary>
    public int Height => (int)Mask.shape[0];

    /// <summary>Width in pixels.</summary>
    public int Width => (int)Mask.shape[1];

    /// <summary>The input named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The sample has no such input.</exception>
    public Tensor Input(string name) => Find(Inputs, name, "input");

    /// <summary>The label named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The sample has no such label.</exception>
    public Tensor Label(string name) => Find(Labels, name, "label");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (NamedTensor input in Inputs) input.Tensor.Dispose();
        foreach (NamedTensor label in Labels) label.Tensor.Dispose();
    }

    private Tensor Find(IReadOnlyList<NamedTensor> tensors, string name, string what) =>
        tensors.FirstOrDefault(t => t.Name == name)?.Tensor
        ?? throw new KeyNotFoundException($"Sample '{Name}' has no {what} '{name}'; it has {string.Join(", ", tensors.Select(t => t.Name))}.");
}
