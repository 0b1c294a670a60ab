using System;
using System.IO;
using Fcn.Export.Onnx;
using Google.Protobuf;
using Onnx;

namespace Fcn.Export.Triton;

/// <summary>
/// Writes one entry of a Triton model repository: <c>DIR/NAME/config.pbtxt</c> and
/// <c>DIR/NAME/VERSION/model.onnx</c> (Triton's layout for the onnxruntime backend), each file
/// written to a temporary name and renamed into place, so a server polling the repository never
/// loads half a file. Serve with <c>tritonserver --model-repository=DIR</c>.
/// </summary>
public static class TritonModelRepository
{
    /// <summary>Writes the entry; returns the entry's folder.</summary>
    public static string Write(string repository, string name, ModelProto model, int maxBatchSize = 8, int version = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentNullException.ThrowIfNull(model);
        if (version < 1) throw new ArgumentOutOfRangeException(nameof(version), version, "Triton model versions start at 1.");
        string config = TritonModelConfig.Text(name, model, maxBatchSize);

        string entry = Path.Combine(repository, name);
        string versionFolder = Path.Combine(entry, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(versionFolder);
        OnnxExport.WriteAtomically(Path.Combine(versionFolder, "model.onnx"), stream => model.WriteTo(stream));
        OnnxExport.WriteAtomically(Path.Combine(entry, "config.pbtxt"), stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(config);
        });
        return entry;
    }
}
