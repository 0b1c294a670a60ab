using System.Collections.Generic;

namespace Fcn.Benchmarks.Runtime.Onnx;

/// <summary>The ONNX exports the runtime benchmarks run through ONNX Runtime, one row each.</summary>
public static class OnnxModelSources
{
    public static IReadOnlyList<IOnnxModelSource> All { get; } = new IOnnxModelSource[]
    {
        new TorchOnnxExport(),
        // The project's own exporter (Fcn.Export over the IR): its ratio to the torch.onnx row is a goal of issue 10.
        new ProjectOnnxExport(),
        // The same export fixed to the case's size, as torch.onnx's trace is: what symbolic sizes cost in ONNX Runtime.
        new ProjectOnnxExport(fixedSize: true),
    };
}
