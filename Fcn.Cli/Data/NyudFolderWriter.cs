using System;
using System.IO;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data.Nyud;
using Fcn.Runtime.Data.Synthetic;

namespace Fcn.Cli.Data;

/// <summary>
/// Writes the synthetic RGB-D shapes (<see cref="SyntheticRgbdDataset"/>) in NYUDv2's layout, which <c>--data nyud:</c>
/// reads: <c>train/</c> and <c>val/</c>, each with <c>color/NAME.png</c> (RGB), <c>depth/NAME.png</c> (16-bit, millimetres),
/// <c>labels/sem/NAME.png</c> and <c>labels/geo/NAME.png</c> (palette indices, 255 void). Reading it back gives the
/// samples of <c>--data synthetic-rgbd</c> (colour rounded to 8 bits, depth and labels exact).
/// </summary>
internal static class NyudFolderWriter
{
    /// <summary>Writes both splits under <paramref name="root"/>, which must not exist or be empty; returns the sample counts.</summary>
    /// <exception cref="Infrastructure.UserError"><paramref name="root"/> is not empty.</exception>
    public static (int Training, int Validation) Write(string root, SyntheticShapesOptions training, SyntheticShapesOptions validation)
    {
        StagedFolder.Write(root, staging =>
        {
            WriteSplit(Path.Combine(staging, "train"), new SyntheticRgbdDataset(training));
            WriteSplit(Path.Combine(staging, "val"), new SyntheticRgbdDataset(validation));
        });

        return (training.Count, validation.Count);
    }

    private static void WriteSplit(string folder, SyntheticRgbdDataset dataset)
    {
        string color = Path.Combine(folder, NyudInputs.Color), depth = Path.Combine(folder, NyudInputs.Depth);
        string sem = Path.Combine(folder, "labels", SyntheticRgbdDataset.SemanticHead), geo = Path.Combine(folder, "labels", SyntheticRgbdDataset.GeometricHead);
        foreach (string directory in new[] { color, depth, sem, geo }) Directory.CreateDirectory(directory);
        for (int i = 0; i < dataset.Count; i++)
        {
            (float[] rgb, long[] semantic, ushort[] millimetres, long[] geometric) = dataset.Draw(i);
            string name = dataset.NameOf(i) + ".png";
            int side = (int)Math.Sqrt(semantic.Length);
            RgbImagePng.Write(Path.Combine(color, name), new RgbImage(side, side, rgb));
            Grey16Png.Write(Path.Combine(depth, name), side, side, millimetres);
            IndexedPngWriter.Write(Path.Combine(sem, name), new IndexedImage(side, side, Array.ConvertAll(semantic, v => (byte)v)));
            IndexedPngWriter.Write(Path.Combine(geo, name), new IndexedImage(side, side, Array.ConvertAll(geometric, v => (byte)v)));
        }
    }
}
