using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Microsoft.ML.OnnxRuntime;

namespace Fcn.Inference;

/// <summary>
/// Segments images with a model exported by <c>fcn export --format onnx</c>, in ONNX Runtime: the
/// input normalized as the model's metadata says, whole images or overlapping tiles whose logits are
/// averaged (Fcn.Runtime's SegmentationPredictor does the same in TorchSharp, with the same
/// <see cref="SlidingWindow"/>), class indices by argmax, then palette masks and overlays
/// (<see cref="PredictionPngs"/>). No TorchSharp, no libtorch.
/// </summary>
public sealed class OnnxSegmentationEngine : IDisposable
{
    private readonly InferenceSession session;
    private readonly InputNormalizer normalizer;
    private readonly string inputName;
    private readonly string outputName;

    /// <exception cref="OnnxEngineException">The model cannot be loaded, CUDA is not available, or the model states no normalization and none is given.</exception>
    public OnnxSegmentationEngine(string modelPath, OnnxEngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        Options = options ?? new OnnxEngineOptions();
        if (Options.BatchSize < 1) throw new ArgumentException("Batch size must be at least 1.", nameof(options));
        if (Options.TileSize is < 2) throw new ArgumentException("A tile is at least 2 pixels wide.", nameof(options));

        using SessionOptions sessionOptions = SessionOptionsFor(Options);
        try
        {
            session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new OnnxEngineException($"{modelPath}: ONNX Runtime cannot load it ({exception.Message.Trim()}).", exception);
        }

        Metadata = ExportedModelMetadata.Read(session.ModelMetadata.CustomMetadataMap);
        normalizer = Options.Normalization ?? Metadata.Normalization ?? throw Fail(
            $"{modelPath}: the model states no input normalization (it was not exported by fcn export); pass one in the options.");
        inputName = session.InputNames[0];
        outputName = session.OutputNames[0];
    }

    public OnnxEngineOptions Options { get; }

    /// <summary>What the export recorded: classes, class names, normalization, the spec.</summary>
    public ExportedModelMetadata Metadata { get; }

    /// <summary>
    /// The execution providers this process's ONNX Runtime natives offer (<c>CPUExecutionProvider</c>,
    /// and <c>CUDAExecutionProvider</c> with the GPU package).
    /// </summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>Class scores <c>[C, H, W]</c> (row-major) for the image; <paramref name="classes"/> is C.</summary>
    public float[] PredictLogits(RgbImage image, out int classes)
    {
        ArgumentNullException.ThrowIfNull(image);
        var input = new float[3 * image.Width * image.Height];
        normalizer.Apply(image, input);
        int height = image.Height, width = image.Width;
        if (Options.TileSize is int tile && (height > tile || width > tile)) return Tiled(input, height, width, tile, out classes);

        float[] logits = Run(input, 1, height, width, out long[] shape);
        classes = (int)shape[1];
        return logits;
    }

    /// <summary>Class indices (argmax over the classes, 0..255) as a palette image of the image's size.</summary>
    public IndexedImage PredictMask(RgbImage image)
    {
        float[] logits = PredictLogits(image, out int classes);
        int plane = image.Width * image.Height;
        var labels = new byte[plane];
        for (int p = 0; p < plane; p++)
        {
            int best = 0;
            float bestScore = logits[p];
            // Strictly greater: ties go to the lower class index, as torch.argmax does.
            for (int c = 1; c < classes; c++)
                if (logits[c * plane + p] > bestScore) (best, bestScore) = (c, logits[c * plane + p]);
            labels[p] = (byte)Math.Min(best, 255);
        }

        return new IndexedImage(image.Width, image.Height, labels);
    }

    public void Dispose() => session.Dispose();

    private float[] Tiled(float[] input, int height, int width, int tile, out int classes)
    {
        IReadOnlyList<(int Top, int Left)> tiles = SlidingWindow.Tiles(height, width, tile, Options.TileOverlap);
        // Tiles are cut to the image, so along a side shorter than the tile they are shorter too.
        int tileHeight = Math.Min(tile, height), tileWidth = Math.Min(tile, width);
        int tilePlane = tileHeight * tileWidth, plane = height * width;
        float[]? sum = null;
        var count = new float[plane];
        classes = 0;
        foreach ((int Top, int Left)[] group in tiles.Chunk(Options.BatchSize))
        {
            var batch = new float[group.Length * 3 * tilePlane];
            for (int i = 0; i < group.Length; i++)
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < tileHeight; y++)
                        Array.Copy(input, c * plane + (group[i].Top + y) * width + group[i].Left, batch, ((i * 3) + c) * tilePlane + y * tileWidth, tileWidth);

            float[] logits = Run(batch, group.Length, tileHeight, tileWidth, out long[] shape);
            classes = (int)shape[1];
            sum ??= new float[classes * plane];
            for (int i = 0; i < group.Length; i++)
            {
                (int top, int left) = group[i];
                for (int y = 0; y < tileHeight; y++)
                {
                    for (int x = 0; x < tileWidth; x++) count[(top + y) * width + left + x] += 1;
                    for (int c = 0; c < classes; c++)
                        for (int x = 0; x < tileWidth; x++)
                            sum[c * plane + (top + y) * width + left + x] += logits[((i * classes) + c) * tilePlane + y * tileWidth + x];
                }
            }
        }

        for (int c = 0; c < classes; c++)
            for (int p = 0; p < plane; p++) sum![c * plane + p] /= count[p];
        return sum!;
    }

    private float[] Run(float[] input, int batch, int height, int width, out long[] shape)
    {
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(input, new long[] { batch, 3, height, width });
        using var runOptions = new RunOptions();
        try
        {
            using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, new[] { inputName }, new[] { value }, new[] { outputName });
            shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[2] != height || shape[3] != width)
                throw Fail($"The model's output is [{string.Join(", ", shape)}] for a {height}x{width} input; a segmentation export gives [N, C, {height}, {width}].");
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException exception)
        {
            throw new OnnxEngineException($"ONNX Runtime cannot run the model on a {width}x{height} input ({exception.Message.Trim()}); the network may need a larger image.", exception);
        }
    }

    private static SessionOptions SessionOptionsFor(OnnxEngineOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.Threads,
        };
        if (!options.SpinWhileIdle) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (options.Provider == OnnxExecutionProvider.Cuda)
        {
            if (!AvailableProviders().Contains("CUDAExecutionProvider"))
            {
                sessionOptions.Dispose();
                throw Fail("CUDA was asked for, but this ONNX Runtime has no CUDA execution provider: reference Microsoft.ML.OnnxRuntime.Gpu.Linux "
                    + "(needs CUDA 12 and cuDNN 9) instead of Microsoft.ML.OnnxRuntime, or run on the CPU.");
            }

            sessionOptions.AppendExecutionProvider_CUDA(options.CudaDevice);
        }

        return sessionOptions;
    }

    private static OnnxEngineException Fail(string message) => new(message);
}
