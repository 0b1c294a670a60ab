using System.Collections.Generic;
using System.IO;
using Fcn.Cli.Infrastructure;
using Fcn.Export.Onnx;
using Google.Protobuf;

namespace Fcn.Cli.Export;

/// <summary><c>fcn export --format onnx --out F.onnx</c>: one ONNX file, written atomically.</summary>
internal static class OnnxExportFormat
{
    /// <summary>Writes the model; returns the path written.</summary>
    /// <exception cref="UserError">The weights do not fit, or the file cannot be written.</exception>
    public static string Write(ExportSource source, string? weightsPath, IReadOnlyList<string>? classNames, string path, Terminal terminal)
    {
        Onnx.ModelProto proto = source.BuildOnnx(weightsPath, classNames, terminal);
        OnnxOutput.Guard(path, () => OnnxExport.WriteAtomically(path, stream => proto.WriteTo(stream)));
        return path;
    }
}
