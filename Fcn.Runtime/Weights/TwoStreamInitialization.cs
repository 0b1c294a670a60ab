using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Late fusion (the paper's section 5, NYUDv2 color + HHA): a net with two full streams, whose layers are
/// named with a suffix per stream (<c>conv1_1color</c>, <c>conv1_1hha</c>), starts from two single-modality
/// nets, as the Caffe reference's nyud-fcn32s-color-hha/solve.py (shelhamer/fcn.berkeleyvision.org) does:
/// <c>surgery.transplant(solver.net, color_net, suffix='color')</c>, then the same for <c>'hha'</c>, where
/// transplant copies each layer <c>p</c> of the source into layer <c>p + suffix</c> and drops the layers the
/// new net lacks.
/// </summary>
public static class TwoStreamInitialization
{
    /// <summary>
    /// The state dict with <paramref name="suffix"/> on every key's layer name: <c>conv1_1.weight</c> becomes
    /// <c>conv1_1color.weight</c>, as Caffe names a layer <c>p + suffix</c> (the parameter's own name, after the last
    /// dot, stays). The tensors are the source's own.
    /// </summary>
    public static Dictionary<string, Tensor> WithSuffix(IReadOnlyDictionary<string, Tensor> stateDict, string suffix)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ArgumentException.ThrowIfNullOrEmpty(suffix);
        var renamed = new Dictionary<string, Tensor>(stateDict.Count, StringComparer.Ordinal);
        foreach ((string key, Tensor tensor) in stateDict)
        {
            int dot = key.LastIndexOf('.');
            renamed[dot < 0 ? key + suffix : key.Substring(0, dot) + suffix + key.Substring(dot)] = tensor;
        }
        return renamed;
    }

    /// <summary>
    /// Loads each stream's state dict into <paramref name="model"/> under its suffix, in one pass. The report
    /// covers all streams: the loaded keys of every stream, the model's keys no stream filled (its fusion layers,
    /// say) as missing, and the suffixed stream keys the model lacks as unexpected (what Caffe's transplant drops).
    /// </summary>
    /// <exception cref="ArgumentException">No stream, or two streams that would fill the same key (the same suffix twice).</exception>
    public static WeightLoadReport FromStreams(nn.Module model, params (string Suffix, IReadOnlyDictionary<string, Tensor> StateDict)[] streams)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Length == 0) throw new ArgumentException("Give at least one stream (suffix and state dict).", nameof(streams));

        var merged = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var suffixOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string suffix, IReadOnlyDictionary<string, Tensor> stateDict) in streams)
        {
            foreach ((string key, Tensor tensor) in WithSuffix(stateDict, suffix))
            {
                if (suffixOf.TryGetValue(key, out string? other))
                    throw new ArgumentException($"The streams '{other}' and '{suffix}' both fill {key}; give each stream its own suffix.", nameof(streams));
                suffixOf[key] = suffix;
                merged[key] = tensor;
            }
        }
        return WeightLoader.Load(model, merged);
    }
}
