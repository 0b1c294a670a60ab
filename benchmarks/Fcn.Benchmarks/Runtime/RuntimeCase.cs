using System;
using System.Globalization;

namespace Fcn.Benchmarks.Runtime;

/// <summary>One measured configuration: a model, a square input size, a batch size.</summary>
/// <param name="Training">Whether the training step is timed too (the forward pass always is).</param>
public sealed record RuntimeCase(ModelKind Model, int Size, int Batch, bool Training = true)
{
    /// <summary>E.g. <c>fcn8s:128:1</c>, the spelling shared with the PyTorch script and the memory probe.</summary>
    public string Key => Model.Key() + ":" + Invariant(Size) + ":" + Invariant(Batch);

    public string InputText => Invariant(Size) + "x" + Invariant(Size);

    public static RuntimeCase Parse(string key)
    {
        string[] parts = key.Split(':');
        if (parts.Length != 3) throw new ArgumentException("A case is model:size:batch, e.g. fcn8s:128:1; got " + key, nameof(key));
        return new RuntimeCase(ModelKinds.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
