using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Fcn.Cli.Inference;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Cli.Weights;
using Fcn.Runtime.Data.Decoding;
using Fcn.Runtime.Prediction;
using static TorchSharp.torch;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn predict --weights &lt;file&gt; &lt;images or folders...&gt; --out &lt;dir&gt;</c>: for every image, a palette
/// PNG of class indices (<c>name.png</c>, VOC colours) and the image with the classes drawn over it
/// (<c>name_overlay.png</c>). <c>--model F.onnx</c> runs an exported model in ONNX Runtime instead of TorchSharp.
/// </summary>
internal sealed class PredictCommand
{
    private static readonly string[] ImageExtensions = { ".jpg", ".jpeg", ".png", ".bmp", ".webp" };

    private readonly ModelOptions modelOptions = new();

    private readonly Argument<string[]> inputs = new("images")
    {
        Description = "Image files, or folders whose images (jpg, png, bmp, webp) are all predicted.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly WeightsOptions weights = new(WeightsUse.Run, "The weights: a checkpoint from fcn train (.ckpt) or a state dict (.pt, .safetensors); not with an .onnx --model, which holds its own.", required: false);

    private readonly Option<string> output = new("--out") { Description = "Folder for the masks and overlays.", DefaultValueFactory = _ => "predictions" };

    private readonly Option<int?> tile = new("--tile") { Description = "Predict images larger than this side in overlapping tiles of this size." };

    public Command Create(Terminal terminal)
    {
        var command = new Command("predict", "Segment images: palette PNG masks and overlays.") { inputs };
        modelOptions.AddTo(command);
        weights.AddTo(command);
        foreach (Option option in new Option[] { output, tile })
            command.Options.Add(option);
        command.SetAction(parse => Run(terminal, parse));
        return command;
    }

    private int Run(Terminal terminal, ParseResult parse)
    {
        IReadOnlyList<string> files = ImagesIn(parse.GetValue(inputs)!);
        int? tileSize = parse.GetValue(tile);
        if (tileSize is < 2) throw new UserError($"--tile {tileSize}: a tile is at least 2 pixels wide.");

        string directory = parse.GetValue(output)!;
        string modelName = parse.GetValue(modelOptions.Model)!;
        if (OnnxPrediction.IsOnnxModel(modelName))
        {
            // An exported model runs in ONNX Runtime: no TorchSharp module, no weights file.
            if (parse.GetValue(weights.Weights) is not null) throw new UserError($"--weights: {modelName} holds its weights; leave --weights out for an .onnx model.");
            OnnxPrediction.Run(terminal, modelName, files, directory, parse.GetValue(modelOptions.Device)!, tileSize, modelOptions.NormalizationFor(parse));
            return ExitCodes.Success;
        }

        if (parse.GetValue(weights.Weights) is null) throw new UserError("--weights is required for a TorchSharp model (a .ckpt from fcn train, or a .pt/.safetensors state dict); an exported .onnx --model needs none.");
        ModelEntry entry = modelOptions.Resolve(parse);
        int classes = modelOptions.ClassesFor(parse, entry, dataClasses: null);
        Device device = modelOptions.DeviceFor(parse);
        using nn.Module model = entry.Create(classes);
        weights.LoadInto(parse, model, entry, terminal);

        var predictor = new SegmentationPredictor(model, new PredictionOptions(
            entry.Normalization, TileSize: tileSize, TileOverlap: tileSize is int side ? Math.Min(32, side / 2) : 32, Device: device));
        foreach (string file in files)
        {
            using var scope = NewDisposeScope();
            Tensor image;
            try
            {
                image = ImageDecoder.Decode(file);
            }
            catch (InvalidDataException exception)
            {
                throw new UserError($"{file}: cannot be decoded as an image ({exception.Message}); remove it from the inputs.", exception);
            }

            Tensor prediction;
            try
            {
                prediction = predictor.PredictMask(image);
            }
            catch (ExternalException exception)
            {
                // libtorch refuses inputs too small for the network's kernels; say which image and why.
                throw new UserError($"{file}: {entry.Name} cannot run on this {image.shape[2]}x{image.shape[1]} image ({FcnApp.OneLine(exception.Message)}); use a larger image.", exception);
            }

            (string mask, string overlay) = PredictionWriter.Write(directory, Path.GetFileNameWithoutExtension(file), image, prediction);
            terminal.Out.WriteLine($"{file} -> {mask}, {overlay}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Files as given; folders become their images in ordinal order.</summary>
    /// <exception cref="UserError">A path does not exist, or the inputs hold no image.</exception>
    private static IReadOnlyList<string> ImagesIn(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path)
                    .Where(file => ImageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                    .OrderBy(file => file, StringComparer.Ordinal));
            else throw new UserError($"{path}: no such image or folder; pass image files or folders of images.");
        }

        if (files.Count == 0) throw new UserError("The inputs hold no image (jpg, jpeg, png, bmp, webp); pass image files or folders of them.");
        return files;
    }
}
