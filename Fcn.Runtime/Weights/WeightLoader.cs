using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Loads state dicts into any module by key name, leniently: tensors whose key and shape fit are
/// copied (onto the module's device and dtype), the rest is reported, nothing throws for a key that
/// does not fit. That is what transfer learning needs: a checkpoint for 21 classes loads into a
/// 4-class model except its score layers, which the report lists.
/// </summary>
public static class WeightLoader
{
    /// <summary>Reads a <c>torch.save</c> or safetensors file and loads it into <paramref name="module"/>.</summary>
    /// <exception cref="WeightFileException">The file is missing or cannot be read.</exception>
    public static WeightLoadReport LoadFile(nn.Module module, string path, KeyMap? keyMap = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Dictionary<string, Tensor> stateDict = StateDictFile.Read(path);
        try
        {
            return Load(module, stateDict, keyMap);
        }
        finally
        {
            foreach (Tensor tensor in stateDict.Values) tensor.Dispose();
        }
    }

    /// <summary>Loads a state dict held in memory; the source tensors are not disposed.</summary>
    public static WeightLoadReport Load(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, KeyMap? keyMap = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(stateDict);
        keyMap ??= KeyMap.Identity;

        Dictionary<string, Tensor> targets = module.state_dict();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        var dropped = new List<string>();

        using var noGrad = no_grad();
        // Sorted, so reports do not depend on the order of the file's (hash) table.
        foreach (string sourceKey in stateDict.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            string? key = keyMap.Apply(sourceKey);
            if (key is null) { dropped.Add(sourceKey); continue; }
            if (!targets.TryGetValue(key, out Tensor? target)) { unexpected.Add(key); continue; }

            Tensor source = stateDict[sourceKey];
            if (!ShapesAgree(target, source))
            {
                mismatched.Add(new ShapeMismatch(key, target.shape, source.shape));
                continue;
            }
            using Tensor reshaped = source.reshape(target.shape);
            target.copy_(reshaped);
            loaded.Add(key);
        }

        // Module order for what was loaded and what is missing: it reads like the network.
        return new WeightLoadReport(
            targets.Keys.Where(loaded.Contains).ToList(),
            targets.Keys.Where(k => !loaded.Contains(k)).ToList(),
            unexpected,
            mismatched,
            dropped);
    }

    /// <summary>
    /// Equal shapes, or a scalar against a one-element vector: PyTorch saves <c>num_batches_tracked</c>
    /// as a 0-dim tensor, which some readers return as shape [1].
    /// </summary>
    private static bool ShapesAgree(Tensor target, Tensor source)
    {
        if (target.shape.SequenceEqual(source.shape)) return true;
        return target.numel() == 1 && source.numel() == 1 && target.dim() <= 1 && source.dim() <= 1;
    }
}
