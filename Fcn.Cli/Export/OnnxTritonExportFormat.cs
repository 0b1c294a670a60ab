using System.Collections.Generic;
using Fcn.Cli.Infrastructure;
using Fcn.Export.Triton;

namespace Fcn.Cli.Export;

/// <summary>
/// <c>fcn export --format triton --out DIR</c>: DIR/&lt;model&gt;/config.pbtxt (backend onnxruntime,
/// variable height and width) and DIR/&lt;model&gt;/1/model.onnx, for <c>tritonserver --model-repository=DIR</c>.
/// </summary>
internal static class OnnxTritonExportFormat
{
    /// <summary>Writes the repository entry; returns its folder.</summary>
    /// <exception cref="UserError">The weights do not fit, the batch size is not positive, or the folder cannot be written.</exception>
    public static string Write(ExportSource source, string? weightsPath, IReadOnlyList<string>? classNames, string repository, int maxBatchSize, Terminal terminal)
    {
        if (maxBatchSize < 1) throw new UserError($"--max-batch {maxBatchSize}: Triton needs a max_batch_size of at least 1.");
        Onnx.ModelProto proto = source.BuildOnnx(weightsPath, classNames, terminal);
        string entry = "";
        OnnxOutput.Guard(repository, () => entry = TritonModelRepository.Write(repository, source.Model.TypeName, proto, maxBatchSize));
        return entry;
    }
}
