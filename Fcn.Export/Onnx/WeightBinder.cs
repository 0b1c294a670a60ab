using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Export.Onnx;

/// <summary>
/// Hands the graph writer each weight it asks for, by state-dict key and the shape the spec implies,
/// and keeps the books for <see cref="WeightFit"/>. A missing or misshapen weight does not stop the
/// walk (the whole table is worth more than the first error); the caller checks <see cref="Fit"/>.
/// </summary>
internal sealed class WeightBinder
{
    /// <summary>Buffers PyTorch keeps beside the running statistics that inference does not read.</summary>
    private const string BatchCounterSuffix = ".num_batches_tracked";

    private readonly IReadOnlyDictionary<string, WeightTensor> stateDict;
    private readonly List<string> loaded = new();
    private readonly List<(string, long[])> missing = new();
    private readonly List<(string, long[], long[])> mismatched = new();
    private readonly HashSet<string> requested = new(StringComparer.Ordinal);

    public WeightBinder(IReadOnlyDictionary<string, WeightTensor> stateDict) => this.stateDict = stateDict;

    /// <summary>Every key asked for, with its shape, in graph order.</summary>
    public List<(string Key, long[] Shape)> Requested { get; } = new();

    /// <summary>The tensor for <paramref name="key"/>, or null when it is missing or of another shape (recorded).</summary>
    public WeightTensor? Take(string key, long[] shape)
    {
        if (!requested.Add(key)) throw new InvalidOperationException($"The graph asked twice for weight '{key}'.");
        Requested.Add((key, shape));
        if (!stateDict.TryGetValue(key, out WeightTensor? tensor))
        {
            missing.Add((key, shape));
            return null;
        }

        if (!tensor.Shape.SequenceEqual(shape))
        {
            mismatched.Add((key, shape, tensor.Shape));
            return null;
        }

        loaded.Add(key);
        return tensor;
    }

    public WeightFit Fit => new(
        loaded.ToList(),
        missing.ToList(),
        stateDict.Keys
            .Where(key => !requested.Contains(key) && !key.EndsWith(BatchCounterSuffix, StringComparison.Ordinal))
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToList(),
        mismatched.ToList());
}
