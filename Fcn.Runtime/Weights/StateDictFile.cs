using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Fcn.Runtime.Weights;

/// <summary>
/// Reads and writes state dicts (key to tensor) in PyTorch's zip format and in safetensors, through
/// TorchSharp.PyBridge. Everything that can go wrong with a file surfaces here, at the boundary, as a
/// <see cref="WeightFileException"/> that names the file, never as an exception from deep inside a parser.
/// </summary>
public static class StateDictFile
{
    private static readonly byte[] ZipSignature = { 0x50, 0x4b, 0x03, 0x04 };

    /// <summary>
    /// Reads every tensor of a state dict onto the CPU. The format is recognised from the content
    /// (a zip archive is PyTorch's, anything else is tried as safetensors), not from the extension.
    /// </summary>
    /// <exception cref="WeightFileException">The file is missing, unreadable or not a state dict.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new WeightFileException(path, "The weight file does not exist");

        WeightFileFormat format = DetectFormat(path);
        try
        {
            return format == WeightFileFormat.PyTorch ? ReadPyTorch(path) : Safetensors.LoadStateDict(path);
        }
        catch (Exception ex) when (ex is not WeightFileException and not OutOfMemoryException)
        {
            // The parsers throw whatever their internals hit (InvalidCastException, NotImplementedException,
            // InvalidDataException, JsonException...); the caller only needs to know which file and why.
            string what = format == WeightFileFormat.PyTorch ? "a PyTorch (torch.save zip) state dict" : "a safetensors file";
            throw new WeightFileException(path, $"Could not read {what}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a state dict in the given format (by default chosen from the extension: <c>.safetensors</c> or PyTorch).</summary>
    /// <exception cref="WeightFileException">The file cannot be written.</exception>
    public static void Write(IReadOnlyDictionary<string, Tensor> stateDict, string path, WeightFileFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WeightFileFormat chosen = format ?? FormatFromExtension(path);
        // Both writers read raw bytes: tensors must be on the CPU and contiguous.
        var onHost = new Dictionary<string, Tensor>(stateDict.Count);
        using var scope = NewDisposeScope();
        foreach (var (key, tensor) in stateDict)
            onHost[key] = tensor.detach().cpu().contiguous();
        try
        {
            if (chosen == WeightFileFormat.Safetensors)
                Safetensors.SaveStateDict(path, onHost);
            else
                PyTorchPickler.PickleStateDict(path, onHost);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new WeightFileException(path, $"Could not write the {chosen} weight file: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a module's state dict (parameters and buffers, by key).</summary>
    public static void Write(nn.Module module, string path, WeightFileFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Write(module.state_dict(), path, format);
    }

    /// <summary><c>.safetensors</c> means safetensors; every other extension (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>) PyTorch.</summary>
    public static WeightFileFormat FormatFromExtension(string path) =>
        string.Equals(Path.GetExtension(path), ".safetensors", StringComparison.OrdinalIgnoreCase)
            ? WeightFileFormat.Safetensors
            : WeightFileFormat.PyTorch;

    private static WeightFileFormat DetectFormat(string path)
    {
        var signature = new byte[ZipSignature.Length];
        try
        {
            using FileStream stream = File.OpenRead(path);
            int read = stream.Read(signature, 0, signature.Length);
            if (read < signature.Length)
                throw new WeightFileException(path, $"The weight file is too short to be a state dict ({read} bytes)");
        }
        catch (Exception ex) when (ex is IOException and not WeightFileException || ex is UnauthorizedAccessException)
        {
            throw new WeightFileException(path, $"Could not open the weight file: {ex.Message}", ex);
        }
        if (signature[0] == 0x80 && signature[1] == 0x02 && signature[2] == 0x8a)
        {
            // Pickle protocol 2 opening with a long: torch.save's magic number, the format before PyTorch 1.6
            // (torch/serialization.py, _legacy_save), in which many published ImageNet files still are.
            throw new WeightFileException(path, "This is PyTorch's legacy torch.save format (before PyTorch 1.6), which TorchSharp.PyBridge does not read. "
                + "Re-save it once in the zip format: python3 -c \"import torch; torch.save(torch.load('IN.pth'), 'OUT.pth')\"");
        }
        return signature.AsSpan().SequenceEqual(ZipSignature) ? WeightFileFormat.PyTorch : WeightFileFormat.Safetensors;
    }

    private static Dictionary<string, Tensor> ReadPyTorch(string path)
    {
        Hashtable table = PyTorchUnpickler.UnpickleStateDict(path);
        var stateDict = new Dictionary<string, Tensor>(table.Count);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string key && entry.Value is Tensor tensor)
                stateDict[key] = tensor;
        }
        if (stateDict.Count == 0 && table.Count > 0)
            throw new InvalidDataException("the archive holds no string-keyed tensors; was it saved with torch.save(model.state_dict())?");
        return stateDict;
    }
}
