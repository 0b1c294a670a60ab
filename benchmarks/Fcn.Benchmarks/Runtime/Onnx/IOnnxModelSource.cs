namespace Fcn.Benchmarks.Runtime.Onnx;

/// <summary>
/// Where an ONNX model of a case comes from: one labelled row of the ONNX Runtime results. The harness
/// asks every source in <see cref="OnnxModelSources.All"/> for a file of the case's network with the
/// weights it times; a second exporter (the project's own, Fcn.Export) is one more class and one more
/// line there.
/// </summary>
public interface IOnnxModelSource
{
    /// <summary>The row's label, e.g. <c>ONNX Runtime (torch.onnx export)</c>.</summary>
    string Label { get; }

    /// <summary>
    /// Writes the .onnx file of <paramref name="runtimeCase"/>'s network with the weights in
    /// <paramref name="stateDictPath"/> (a <c>torch.save</c> state dict of the generated model) under
    /// <paramref name="directory"/> and returns its path, or null after printing why it could not.
    /// </summary>
    string? Export(RuntimeCase runtimeCase, string stateDictPath, string directory);
}
