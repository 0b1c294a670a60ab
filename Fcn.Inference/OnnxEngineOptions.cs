namespace Fcn.Inference;

/// <summary>Where ONNX Runtime runs the graph.</summary>
public enum OnnxExecutionProvider
{
    /// <summary>ONNX Runtime's CPU provider (the Microsoft.ML.OnnxRuntime package's natives).</summary>
    Cpu,

    /// <summary>CUDA (needs the Microsoft.ML.OnnxRuntime.Gpu.Linux natives, CUDA 12 and cuDNN 9 on the machine).</summary>
    Cuda,
}

/// <summary>How <see cref="OnnxSegmentationEngine"/> runs a model; the tiling options mean what they mean for fcn predict.</summary>
/// <param name="Provider">CPU or CUDA.</param>
/// <param name="CudaDevice">The CUDA device's index.</param>
/// <param name="TileSize">Images with a side above this are predicted in overlapping tiles of this size; null = whole image.</param>
/// <param name="TileOverlap">Overlap of neighbouring tiles in pixels; logits in overlaps are averaged.</param>
/// <param name="BatchSize">Tiles per run.</param>
/// <param name="Threads">ONNX Runtime's intra-op threads; 0 = its default (one per core).</param>
/// <param name="Normalization">The input convention; null = the one the model's metadata states (fcn export writes it).</param>
/// <param name="SpinWhileIdle">
/// Whether idle worker threads spin. Off for a process that also runs libtorch (fcn itself), whose
/// threads the spinning would slow down; on gives a little lower latency in a dedicated service.
/// </param>
public sealed record OnnxEngineOptions(
    OnnxExecutionProvider Provider = OnnxExecutionProvider.Cpu,
    int CudaDevice = 0,
    int? TileSize = null,
    int TileOverlap = 32,
    int BatchSize = 4,
    int Threads = 0,
    InputNormalizer? Normalization = null,
    bool SpinWhileIdle = true);
