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
/// ONNX Runtime's CUDA provider, <c>auto</c> takes it when the natives offer it. A multi-task model
/// (SIFT Flow's heads <c>sem</c> and <c>geo</c>, each with its own class count) gets one mask per head,
/// <c>NAME.sem.png</c> and <c>NAME.geo.png</c>; an auxiliary output of the same classes (<c>aux</c>) is not a head.
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
        if (engine.InputNames.Count > 1)
            throw new UserError($"{modelPath}: the model takes {engine.InputNames.Count} inputs ({string.Join(", ", engine.InputNames)}), and fcn predict feeds one image; "
                + "run it with Fcn.Inference's OnnxSegmentationEngine.PredictOutputs, which takes the inputs by name.");
        // One head: NAME.png. Several (SIFT Flow's sem and geo): one mask per head, NAME.sem.png, NAME.geo.png.
        bool severalHeads = engine.Metadata.Heads.Count > 1;
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

            IReadOnlyDictionary<string, IndexedImage> masks;
            try
            {
                masks = severalHeads
                    ? engine.PredictMasks(image).Where(mask => engine.Metadata.Heads.Contains(mask.Key)).ToDictionary(mask => mask.Key, mask => mask.Value)
                    : new Dictionary<string, IndexedImage> { [engine.OutputNames[0]] = engine.PredictMask(image) };
            }
            catch (OnnxEngineException exception)
            {
                throw new UserError($"{file}: {exception.Message}", exception);
            }

            string name = Path.GetFileNameWithoutExtension(file);
            foreach (var (head, mask) in masks)
            {
                (string maskPath, string overlayPath) = PredictionPngs.Write(directory, severalHeads ? name + "." + head : name, image, mask);
                terminal.Out.WriteLine($"{file} -> {maskPath}, {overlayPath}");
            }
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
