using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Inference;
using Fcn.Runtime.Data.Transforms;

namespace Fcn.Cli.Inference;

/// <summary>
/// <c>fcn predict --model F.onnx</c>: the same masks and overlays as the TorchSharp path, from an
/// exported model in ONNX Runtime (<see cref="OnnxSegmentationEngine"/>). <c>--device cuda</c> takes
/// ONNX Runtime's CUDA provider, <c>auto</c> takes it when the natives offer it.
/// </summary>
internal static class OnnxPrediction
{
    public static bool IsOnnxModel(string model) => model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="UserError">The model or an image cannot be read or run, or CUDA is not there.</exception>
    public static void Run(Terminal terminal, string modelPath, IReadOnlyList<string> images, string directory,
        string device, int? tileSize, ImageNormalization? normalization)
    {
        if (!File.Exists(modelPath)) throw new UserError($"{modelPath}: no such ONNX model; pass a file written by 'fcn export --format onnx'.");
        var options = new OnnxEngineOptions(
            Provider: Provider(device),
            TileSize: tileSize,
            TileOverlap: tileSize is int side ? Math.Min(32, side / 2) : 32,
            // fcn also hosts libtorch: ONNX Runtime's idle threads must not spin against it.
            SpinWhileIdle: false,
            Normalization: normalization is null ? null : new InputNormalizer(normalization.Name, normalization.ToBgr, normalization.Scale, normalization.Mean, normalization.Std));
        using OnnxSegmentationEngine engine = Open(modelPath, options);
        foreach (string file in images)
        {
            RgbImage image;
            try
            {
                image = RgbImageDecoder.Decode(file);
            }
            catch (InvalidDataException exception)
            {
                throw new UserError($"{file}: cannot be decoded as an image ({exception.Message}); remove it from the inputs.", exception);
            }

            IndexedImage mask;
            try
            {
                mask = engine.PredictMask(image);
            }
            catch (OnnxEngineException exception)
            {
                throw new UserError($"{file}: {exception.Message}", exception);
            }

            (string maskPath, string overlayPath) = PredictionPngs.Write(directory, Path.GetFileNameWithoutExtension(file), image, mask);
            terminal.Out.WriteLine($"{file} -> {maskPath}, {overlayPath}");
        }
    }

    private static OnnxSegmentationEngine Open(string modelPath, OnnxEngineOptions options)
    {
        try
        {
            return new OnnxSegmentationEngine(modelPath, options);
        }
        catch (OnnxEngineException exception)
        {
            throw new UserError(exception.Message + (options.Provider == OnnxExecutionProvider.Cuda ? " (or use --device cpu)" : ""), exception);
        }
    }

    private static OnnxExecutionProvider Provider(string device) => device.ToLowerInvariant() switch
    {
        "cpu" => OnnxExecutionProvider.Cpu,
        "cuda" => OnnxExecutionProvider.Cuda,
        "auto" => OnnxSegmentationEngine.AvailableProviders().Contains("CUDAExecutionProvider") ? OnnxExecutionProvider.Cuda : OnnxExecutionProvider.Cpu,
        _ => throw new UserError($"--device '{device}' is not a device; use cpu, cuda or auto."),
    };
}
