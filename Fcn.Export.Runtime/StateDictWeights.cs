using System;
using System.Collections.Generic;
using Fcn.Export.Onnx;
using static TorchSharp.torch;

namespace Fcn.Export.Runtime;

/// <summary>Copies a TorchSharp state dict out of libtorch as float32 arrays for the exporters.</summary>
public static class StateDictWeights
{
    /// <summary>Every floating-point tensor, as float32 on the CPU; integer buffers (<c>num_batches_tracked</c>) are left out.</summary>
    public static Dictionary<string, WeightTensor> From(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var weights = new Dictionary<string, WeightTensor>(stateDict.Count, StringComparer.Ordinal);
        foreach (var (key, tensor) in stateDict)
        {
            if (!tensor.is_floating_point()) continue;
            using var scope = NewDisposeScope();
            Tensor host = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
            weights[key] = new WeightTensor(host.shape, host.data<float>().ToArray());
        }

        return weights;
    }

    /// <summary>A module's parameters and buffers.</summary>
    public static Dictionary<string, WeightTensor> From(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return From(module.state_dict());
    }
}
