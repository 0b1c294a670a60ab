using System;
using System.CommandLine;
using Fcn.Cli.Data;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Data.Synthetic;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn data synthetic --out DIR [--images N] [--val-images N] [--size S] [--layout folder|nyud]</c>: writes the
/// built-in synthetic shapes as an image/mask folder (<c>train/</c>, <c>val/</c>), for <c>--data folder:DIR</c> and for
/// PyTorch; with <c>--layout nyud</c> the RGB-D shapes with two heads in NYUDv2's layout, for <c>--data nyud:DIR</c>.
/// </summary>
internal sealed class DataCommand
{
    private readonly Option<string> output = new("--out") { Description = "The folder to create (must not exist, or be empty).", Required = true };

    private readonly Option<int> images = new("--images")
    {
        Description = "Training images (the split of --data synthetic with --images N).",
        DefaultValueFactory = _ => SyntheticData.DefaultTrainingImages,
    };

    private readonly Option<int?> validationImages = new("--val-images") { Description = "Validation images (default: one per eight training images, as --data synthetic)." };

    private readonly Option<int> size = new("--size") { Description = "Width and height of every image.", DefaultValueFactory = _ => 64 };

    private readonly Option<string> layout = new("--layout")
    {
        Description = "folder (images/ and masks/, the shapes of --data synthetic) or nyud (color/, depth/, labels/sem/, labels/geo/: the RGB-D shapes of --data synthetic-rgbd).",
        DefaultValueFactory = _ => "folder",
    };

    public Command Create(Terminal terminal)
    {
        var synthetic = new Command("synthetic", "Write the built-in synthetic shapes (4 classes, 255 void) as train/ and val/ image/mask folders.")
        {
            output, images, validationImages, size, layout,
        };
        synthetic.SetAction(parse => Run(terminal, parse.GetValue(output)!, parse.GetValue(images), parse.GetValue(validationImages), parse.GetValue(size), parse.GetValue(layout)!));
        return new Command("data", "Write datasets to files.") { synthetic };
    }

    private static int Run(Terminal terminal, string root, int trainingImages, int? validation, int side, string layout)
    {
        if (trainingImages < 1) throw new UserError($"--images {trainingImages}: write at least one training image.");
        int validationCount = validation ?? Math.Max(1, trainingImages / 8);
        if (validationCount < 1) throw new UserError($"--val-images {validationCount}: write at least one validation image.");
        if (side < 8) throw new UserError($"--size {side}: images are at least 8 pixels wide.");

        if (layout == "nyud")
        {
            (int train, int val) = NyudFolderWriter.Write(
                root, SyntheticShapesOptions.Train(trainingImages, side), SyntheticShapesOptions.Validation(validationCount, side));
            terminal.Out.WriteLine($"Wrote {root}: train/ {train} and val/ {val} samples of {side}x{side} in NYUD's layout "
                + "(color/, depth/ 16-bit millimetres, labels/sem/ 4 classes, labels/geo/ 3 classes: background, near, far; 255 void). "
                + $"Use --data nyud:{root}.");
            return ExitCodes.Success;
        }

        if (layout != "folder") throw new UserError($"--layout '{layout}' is not a layout; use folder or nyud.");
        (int written, int validated) = SyntheticFolderWriter.Write(
            root, SyntheticShapesOptions.Train(trainingImages, side), SyntheticShapesOptions.Validation(validationCount, side));
        terminal.Out.WriteLine($"Wrote {root}: train/ {written} and val/ {validated} image/mask pairs of {side}x{side} "
            + $"({SyntheticShapesDataset.ClassCount} classes: {string.Join(", ", SyntheticShapesDataset.ClassNames)}; 255 void). Use --data folder:{root}.");
        return ExitCodes.Success;
    }
}
