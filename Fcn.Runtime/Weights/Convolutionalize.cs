using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Starts an FCN from an ImageNet classifier (paper, section 3.1): the classifier's fully connected
/// layers are convolutions whose kernels cover their whole input, so their weights only need a
/// reshape. Works on any module whose keys follow the example specs' names (found by key, not by type).
/// </summary>
public static class Convolutionalize
{
    /// <summary>The thirteen VGG16 convolutions in order, as FCN names them.</summary>
    private static readonly string[] Vgg16Convolutions =
    {
        "conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3",
        "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3",
    };

    /// <summary>
    /// Loads a torchvision VGG16 ImageNet state dict: <c>features.N</c> convolutions in order into
    /// conv1_1 .. conv5_3; <c>classifier.0</c> [4096, 25088] reshaped into fc6 [4096, 512, 7, 7];
    /// <c>classifier.3</c> [4096, 4096] into fc7 [4096, 4096, 1, 1]; the 1000-class <c>classifier.6</c>
    /// dropped. Score and upsampling layers keep their initialization (reported as missing).
    /// </summary>
    public static WeightLoadReport FromImageNetVgg16(nn.Module model, IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        Dictionary<string, Tensor> targets = model.state_dict();

        // Convolutions are the 4-D features.N weights (batch-norm variants also have 1-D ones at other N).
        int[] convolutionIndices = stateDict
            .Where(entry => entry.Value.dim() == 4)
            .Select(entry => TryFeatureIndex(entry.Key, "weight", out int n) ? n : -1)
            .Where(n => n >= 0)
            .OrderBy(n => n)
            .ToArray();
        if (convolutionIndices.Length != Vgg16Convolutions.Length)
            throw new ArgumentException(
                $"A VGG16 state dict has {Vgg16Convolutions.Length} convolutions under features.N; this one has {convolutionIndices.Length}.",
                nameof(stateDict));

        var renamed = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        for (int i = 0; i < convolutionIndices.Length; i++)
        {
            string source = "features." + convolutionIndices[i].ToString(CultureInfo.InvariantCulture);
            string target = FindLayer(targets, Vgg16Convolutions[i]);
            Add(renamed, stateDict, source + ".weight", target + ".weight", targets);
            Add(renamed, stateDict, source + ".bias", target + ".bias", targets);
        }
        foreach (var (source, layer) in new[] { ("classifier.0", "fc6"), ("classifier.3", "fc7") })
        {
            string target = FindLayer(targets, layer);
            Add(renamed, stateDict, source + ".weight", target + ".weight", targets);
            Add(renamed, stateDict, source + ".bias", target + ".bias", targets);
        }
        // Everything else (batch-norm tensors of VGG16-BN, the 1000-class classifier.6) is reported as dropped.
        string[] usedPrefixes = convolutionIndices
            .Select(n => "features." + n.ToString(CultureInfo.InvariantCulture) + ".")
            .Append("classifier.0.")
            .Append("classifier.3.")
            .ToArray();
        List<string> dropped = stateDict.Keys
            .Where(key => !usedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToList();

        WeightLoadReport report = WeightLoader.Load(model, renamed);
        return report with { Dropped = dropped };
    }

    /// <summary>
    /// Loads a torchvision ImageNet ResNet state dict (conv1, bn1, layer1..layer4) into the model's
    /// ResNet backbone, wherever it sits (<c>backbone.</c> in the example specs); <c>fc.*</c> is dropped.
    /// </summary>
    public static WeightLoadReport FromImageNetResNet(nn.Module model, IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        const string Marker = "layer1.0.conv1.weight";
        string? markerKey = model.state_dict().Keys.FirstOrDefault(k => k == Marker || k.EndsWith("." + Marker, StringComparison.Ordinal));
        if (markerKey is null)
            throw new ArgumentException($"The model has no ResNet backbone (no key ending in {Marker}).", nameof(model));
        string prefix = markerKey.Substring(0, markerKey.Length - Marker.Length);

        KeyMap map = KeyMap.Identity.Drop("fc.").RenamePrefix("", prefix);
        return WeightLoader.Load(model, stateDict, map);
    }

    /// <summary>
    /// Adds <paramref name="sourceKey"/> under <paramref name="targetKey"/>, reshaped to the module's
    /// shape when only the layout differs (a fully connected layer becoming a convolution).
    /// </summary>
    private static void Add(
        Dictionary<string, Tensor> renamed, IReadOnlyDictionary<string, Tensor> stateDict,
        string sourceKey, string targetKey, IReadOnlyDictionary<string, Tensor> targets)
    {
        if (!stateDict.TryGetValue(sourceKey, out Tensor? tensor)) return;
        bool reshapes = targets.TryGetValue(targetKey, out Tensor? target)
                        && target.numel() == tensor.numel()
                        && !target.shape.SequenceEqual(tensor.shape);
        renamed[targetKey] = reshapes ? tensor.reshape(target!.shape) : tensor;
    }

    /// <summary>The module key prefix of the layer named <paramref name="layer"/> (e.g. <c>conv1_1</c> or <c>trunk.conv1_1</c>).</summary>
    private static string FindLayer(IReadOnlyDictionary<string, Tensor> targets, string layer)
    {
        string suffix = layer + ".weight";
        string? key = targets.Keys.FirstOrDefault(k => k == suffix || k.EndsWith("." + suffix, StringComparison.Ordinal));
        if (key is null)
            throw new ArgumentException($"The model has no layer named {layer}: it does not follow the FCN-VGG16 naming (conv1_1 .. conv5_3, fc6, fc7).", "model");
        return key.Substring(0, key.Length - ".weight".Length);
    }

    private static bool TryFeatureIndex(string key, string leaf, out int index)
    {
        index = -1;
        string[] parts = key.Split('.');
        return parts.Length == 3 && parts[0] == "features" && parts[2] == leaf
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
