using System;
using System.IO;
using Fcn.Runtime.Data;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Prediction;
using static TorchSharp.torch;

namespace Fcn.Cli.Data;

/// <summary>
/// Writes the built-in synthetic shapes as the image/mask folder layout that <c>--data folder:</c> and the
/// PyTorch training script read: <c>train/</c> and <c>val/</c>, each with <c>images/NAME.png</c> (RGB) and
/// <c>masks/NAME.png</c> (VOC-palette indices, 255 void). The two splits are those of <c>--data synthetic</c>,
/// so .NET and PyTorch train and evaluate on the same pixels (images rounded to 8 bits, masks exact).
/// </summary>
internal static class SyntheticFolderWriter
{
    /// <summary>Writes both splits under <paramref name="root"/>, which must not exist or be empty; returns the sample counts.</summary>
    /// <exception cref="Infrastructure.UserError"><paramref name="root"/> is not empty.</exception>
    public static (int Training, int Validation) Write(string root, SyntheticShapesOptions training, SyntheticShapesOptions validation)
    {
        StagedFolder.Write(root, staging =>
        {
            WriteSplit(Path.Combine(staging, "train"), new SyntheticShapesDataset(training));
            WriteSplit(Path.Combine(staging, "val"), new SyntheticShapesDataset(validation));
        });

        return (training.Count, validation.Count);
    }

    private static void WriteSplit(string folder, ISegmentationDataset dataset)
    {
        string images = Path.Combine(folder, "images"), masks = Path.Combine(folder, "masks");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(masks);
        for (int i = 0; i < dataset.Count; i++)
        {
            using var scope = NewDisposeScope();
            using SegmentationSample sample = dataset.Load(i);
            RgbImagePng.Write(Path.Combine(images, sample.Name + ".png"), PredictionWriter.ToRgbImage(sample.Image));
            IndexedPngWriter.Write(Path.Combine(masks, sample.Name + ".png"), PredictionWriter.ToIndexedImage(sample.Mask));
        }
    }
}
