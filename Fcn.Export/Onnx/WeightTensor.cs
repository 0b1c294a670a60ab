using System;

namespace Fcn.Export.Onnx;

/// <summary>
/// One entry of a state dict as the exporter takes it: a float32 tensor's shape and its values in
/// row-major (C) order, as PyTorch and TorchSharp lay them out. The exporter wraps <see cref="Data"/>
/// without copying it, so a 540 MB VGG16 state dict is not held twice while the model is written.
/// </summary>
public sealed class WeightTensor
{
    /// <exception cref="ArgumentException">The data's length is not the product of the shape.</exception>
    public WeightTensor(long[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (long dimension in shape) count *= dimension;
        if (count != data.Length)
            throw new ArgumentException($"A tensor of shape [{string.Join(", ", shape)}] holds {count} values; got {data.Length}.", nameof(data));
        Shape = shape;
        Data = data;
    }

    public long[] Shape { get; }

    public float[] Data { get; }
}
