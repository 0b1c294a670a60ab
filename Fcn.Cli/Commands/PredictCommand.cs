using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Fcn.Cli.Data;
using Fcn.Cli.Inference;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Cli.Weights;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Decoding;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Prediction;
using static TorchSharp.torch;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn predict --weights &lt;file&gt; &lt;images or folders...&gt; --out &lt;dir&gt;</c>: for every image, a palette
/// PNG of class indices (<c>name.png</c>, VOC colours) and the image with the classes drawn over it
/// (<c>name_overlay.png</c>); a multi-head model writes one pair per head (<c>name.sem.png</c>, <c>name.geo.png</c>).
/// A multi-input model (NYUD's color and depth) reads its samples from <c>--data</c> instead of image files.
/// <c>--model F.onnx</c> runs an exported model in ONNX Runtime instead of TorchSharp.
/// </summary>
internal sealed class PredictCommand
{
    private static readonly string[] ImageExtensions = { ".jpg", ".jpeg", ".png", ".bmp", ".webp" };

    private readonly ModelOptions modelOptions = new();

    private readonly Argument<string[]> inputs = new("images")
    {
        Description = "Image files, or folders whose images (jpg, png, bmp, webp) are all predicted (or --data instead).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> data = new("--data")
    {
        Description = "Predict the samples of a data source instead of image files: synthetic-rgbd, nyud:<root> (its val/ split if it has one), folder:<root>, ...; needed for a model with several inputs.",
    };

    private readonly Option<int?> images = new("--images") { Description = "Synthetic images to predict with --data synthetic or synthetic-rgbd (default 8)." };

    private readonly BindingOptions binding = new(training: false);

    private readonly WeightsOptions weights = new(WeightsUse.Run, "The weights: a checkpoint from fcn train (.ckpt) or a state dict (.pt, .safetensors); not with an .onnx --model, which holds its own.", required: false);

    private readonly Option<string> output = new("--out") { Description = "Folder for the masks and overlays.", DefaultValueFactory = _ => "predictions" };

    private readonly Option<int?> tile = new("--tile") { Description = "Predict images larger than this side in overlapping tiles of this size." };

    public Command Create(Terminal terminal)
    {
        var command = new Command("predict", "Segment images: palette PNG masks and overlays.") { inputs };
        modelOptions.AddTo(command);
        weights.AddTo(command);
        binding.AddTo(command, withLabels: false);
        foreach (Option option in new Option[] { output, tile, data, images })
            command.Options.Add(option);
        command.SetAction(parse => Run(terminal, parse));
        return command;
    }

    private int Run(Terminal terminal, ParseResult parse)
    {
        string? dataText = parse.GetValue(data);
        string[] paths = parse.GetValue(inputs) ?? Array.Empty<string>();
        if (dataText is not null && paths.Length > 0) throw new UserError("Give image files or --data, not both.");
        if (dataText is null && paths.Length == 0) throw new UserError("Nothing to predict: pass image files or folders, or --data <source>.");
        IReadOnlyList<string> files = dataText is null ? ImagesIn(paths) : Array.Empty<string>();
        int? tileSize = parse.GetValue(tile);
        if (tileSize is < 2) throw new UserError($"--tile {tileSize}: a tile is at least 2 pixels wide.");

        string directory = parse.GetValue(output)!;
        string modelName = parse.GetValue(modelOptions.Model)!;
        if (OnnxPrediction.IsOnnxModel(modelName))
        {
            // An exported model runs in ONNX Runtime: no TorchSharp module, no weights file.
            if (dataText is not null) throw new UserError($"--data: {modelName} runs in ONNX Runtime, which predicts image files only; pass images.");
            if (parse.GetValue(weights.Weights) is not null) throw new UserError($"--weights: {modelName} holds its weights; leave --weights out for an .onnx model.");
            OnnxPrediction.Run(terminal, modelName, files, directory, parse.GetValue(modelOptions.Device)!, tileSize, modelOptions.NormalizationFor(parse));
            return ExitCodes.Success;
        }

        if (parse.GetValue(weights.Weights) is null) throw new UserError("--weights is required for a TorchSharp model (a .ckpt from fcn train, or a .pt/.safetensors state dict); an exported .onnx --model needs none.");
        ModelEntry entry = modelOptions.Resolve(parse, terminal);
        int classes = modelOptions.ClassesFor(parse, entry, dataClasses: null);
        Device device = modelOptions.DeviceFor(parse);
        using nn.Module model = entry.Create(classes);
        weights.LoadInto(parse, model, entry, terminal);
        // The weights stay as loaded for the whole command: batch norm folds into the convolutions once.
        using IDisposable folding = BatchNormFolding.Fold(model);

        var predictor = new SegmentationPredictor(model, new PredictionOptions(
            entry.Normalization, TileSize: tileSize, TileOverlap: tileSize is int side ? Math.Min(32, side / 2) : 32, Device: device));
        if (dataText is not null)
        {
            PredictData(terminal, entry, predictor, DataSource.Parse(dataText, parse.GetValue(images) ?? 8).OpenEvaluation(), binding.Parse(parse, entry.Info.Heads), directory);
            return ExitCodes.Success;
        }

        if (entry.Info.Inputs.Count > 1)
        {
            throw new UserError($"{entry.Name} reads {string.Join(" and ", entry.Info.Inputs.Select(i => i.Name))}, not one image: "
                + "pass --data nyud:<root with color/ and depth/ or hha/> (or synthetic-rgbd) instead of image files.");
        }

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

            IReadOnlyList<(string Head, Tensor Mask)> prediction;
            try
            {
                prediction = entry.Info.IsMultiTask ? predictor.PredictHeadMasks(image) : new[] { (entry.Info.Heads[0], predictor.PredictMask(image)) };
            }
            catch (ExternalException exception)
            {
                // libtorch refuses inputs too small for the network's kernels; say which image and why.
                throw new UserError($"{file}: {entry.Name} cannot run on this {image.shape[2]}x{image.shape[1]} image ({FcnApp.OneLine(exception.Message)}); use a larger image.", exception);
            }

            var written = PredictionWriter.WriteHeads(directory, Path.GetFileNameWithoutExtension(file), image, prediction);
            terminal.Out.WriteLine($"{file} -> {string.Join(", ", written.Select(w => w.MaskPath + ", " + w.OverlayPath))}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Every sample of <paramref name="dataset"/>: its inputs bound to the model's, one mask and overlay per head.</summary>
    private static void PredictData(Terminal terminal, ModelEntry entry, SegmentationPredictor predictor, Fcn.Runtime.Data.ISegmentationDataset dataset, DataBindingOptions options, string directory)
    {
        DataBinding bound = DataBinding.ForPrediction(entry.Info, dataset, options);
        // The overlays are drawn on the first RGB image of the sample (NYUD's color).
        SampleInputInfo? rgb = dataset.Inputs.FirstOrDefault(input => input.Channels == 3 && input.Encoding == InputEncoding.Image);
        if (rgb is null) throw new UserError($"The data's inputs ({string.Join(", ", dataset.Inputs.Select(i => i.Name))}) hold no RGB image to draw the predictions over.");
        for (int i = 0; i < dataset.Count; i++)
        {
            using var scope = NewDisposeScope();
            using SegmentationSample sample = dataset.Load(i);
            var written = PredictionWriter.WriteHeads(directory, sample.Name, sample.Input(rgb.Name), predictor.PredictHeadMasks(sample, bound));
            terminal.Out.WriteLine($"{sample.Name} -> {string.Join(", ", written.Select(w => w.MaskPath + ", " + w.OverlayPath))}");
        }
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
