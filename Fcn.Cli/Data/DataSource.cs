using System;
using System.IO;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Folder;
using Fcn.Runtime.Data.Nyud;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Data.Voc;

namespace Fcn.Cli.Data;

/// <summary>
/// Where images and masks come from, as <c>--data</c> names it: <c>synthetic</c> (the built-in shapes,
/// no files), <c>synthetic-rgbd</c> (the shapes with a depth map and two heads, sem and geo, no files),
/// <c>voc:&lt;root&gt;</c> (PASCAL VOC's layout, splits train and val), <c>folder:&lt;root&gt;</c>
/// (<c>images/</c> and <c>masks/</c>, or <c>train/</c> and <c>val/</c> each holding both) or <c>nyud:&lt;root&gt;</c>
/// (NYUDv2's layout: <c>color/</c>, <c>depth/</c> or <c>hha/</c>, <c>labels/</c>; or <c>train/</c> and <c>val/</c> each holding it).
/// </summary>
internal abstract record DataSource
{
    /// <summary>The classes the data is labelled with, when known (the model is built for them).</summary>
    public abstract int? ClassCount { get; }

    /// <summary>Class names for reports, when known.</summary>
    public abstract string[]? ClassNames { get; }

    /// <summary>The class names of the data's label <paramref name="label"/> (a head's labels), when known.</summary>
    public virtual string[]? ClassNamesOf(string label) => ClassNames;

    /// <summary>The samples to train on.</summary>
    public abstract ISegmentationDataset OpenTraining();

    /// <summary>The samples to validate on after each epoch, or null when the data has no such split.</summary>
    public abstract ISegmentationDataset? OpenValidation();

    /// <summary>The samples <c>fcn eval</c> scores: the validation split where there is one.</summary>
    public virtual ISegmentationDataset OpenEvaluation() => OpenValidation() ?? OpenTraining();

    /// <summary>Parses <c>--data</c>; <paramref name="images"/> sizes the synthetic set (null: its default).</summary>
    /// <exception cref="UserError">The text names no known kind of data, or a root that does not exist.</exception>
    public static DataSource Parse(string text, int? images)
    {
        if (string.Equals(text, "synthetic", StringComparison.OrdinalIgnoreCase))
            return new SyntheticData(images ?? SyntheticData.DefaultTrainingImages);
        if (string.Equals(text, "synthetic-rgbd", StringComparison.OrdinalIgnoreCase))
            return new SyntheticRgbdData(images ?? SyntheticData.DefaultTrainingImages);

        int colon = text.IndexOf(':');
        string kind = colon < 0 ? text : text.Substring(0, colon);
        string root = colon < 0 ? "" : text.Substring(colon + 1);
        if (kind is not ("voc" or "folder" or "nyud"))
            throw new UserError($"--data '{text}' is not a data source; use synthetic, synthetic-rgbd, voc:<VOC root>, folder:<root with images/ and masks/> or nyud:<root with color/, depth/ or hha/, labels/>.");
        if (root.Length == 0)
            throw new UserError($"--data '{text}' names no folder; write {kind}:<path>.");
        if (!Directory.Exists(root))
            throw new UserError($"{root}: no such folder (from --data {text}); check the path.");

        return kind switch
        {
            "voc" => new VocData(root),
            "nyud" => new NyudData(root),
            _ => new FolderData(root),
        };
    }
}

/// <summary>The built-in synthetic shapes: training and validation splits from two seeds, 64x64 pixels.</summary>
internal sealed record SyntheticData(int TrainingImages) : DataSource
{
    public const int DefaultTrainingImages = 512;

    public override int? ClassCount => SyntheticShapesDataset.ClassCount;

    public override string[]? ClassNames => SyntheticShapesDataset.ClassNames;

    public override ISegmentationDataset OpenTraining() =>
        new SyntheticShapesDataset(SyntheticShapesOptions.Train(TrainingImages));

    /// <summary>One validation image per eight training images, as the quick start splits 512 / 64.</summary>
    public override ISegmentationDataset? OpenValidation() =>
        new SyntheticShapesDataset(SyntheticShapesOptions.Validation(Math.Max(1, TrainingImages / 8)));

    /// <summary><c>fcn eval</c> on synthetic data scores exactly the images asked for.</summary>
    public override ISegmentationDataset OpenEvaluation() =>
        new SyntheticShapesDataset(SyntheticShapesOptions.Validation(TrainingImages));
}

/// <summary>PASCAL VOC 2011/2012 (or SBD in its layout): <c>train</c> to train, <c>val</c> to validate and evaluate.</summary>
internal sealed record VocData(string Root) : DataSource
{
    private static readonly string[] Names =
    {
        "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
        "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
    };

    public override int? ClassCount => Names.Length;

    public override string[]? ClassNames => Names;

    public override ISegmentationDataset OpenTraining() => new VocSegmentationDataset(Root, "train");

    public override ISegmentationDataset? OpenValidation() => new VocSegmentationDataset(Root, "val");
}

/// <summary>Plain folders of images and same-named label PNGs; class count from the model (or <c>--classes</c>).</summary>
internal sealed record FolderData(string Root) : DataSource
{
    public override int? ClassCount => null;

    public override string[]? ClassNames => null;

    public override ISegmentationDataset OpenTraining() =>
        HasSplits ? Open(Path.Combine(Root, "train")) : Open(Root);

    public override ISegmentationDataset? OpenValidation() =>
        HasSplits ? Open(Path.Combine(Root, "val")) : null;

    private bool HasSplits => Directory.Exists(Path.Combine(Root, "train")) && Directory.Exists(Path.Combine(Root, "val"));

    private static ISegmentationDataset Open(string folder)
    {
        string images = Path.Combine(folder, "images"), masks = Path.Combine(folder, "masks");
        if (!Directory.Exists(images) || !Directory.Exists(masks))
            throw new UserError($"{folder}: expected the folders images/ and masks/ (label PNGs with the images' names) inside it.");
        return new ImageMaskFolderDataset(images, masks);
    }
}

/// <summary>
/// The synthetic shapes with depth: inputs color and depth, heads sem (4 classes) and geo (3: background, near,
/// far); the splits and sizes of <see cref="SyntheticData"/>.
/// </summary>
internal sealed record SyntheticRgbdData(int TrainingImages) : DataSource
{
    public override int? ClassCount => SyntheticShapesDataset.ClassCount;

    public override string[]? ClassNames => SyntheticRgbdDataset.SemanticClassNames;

    public override string[]? ClassNamesOf(string label) =>
        label == SyntheticRgbdDataset.GeometricHead ? SyntheticRgbdDataset.GeometricClassNames : SyntheticRgbdDataset.SemanticClassNames;

    public override ISegmentationDataset OpenTraining() => new SyntheticRgbdDataset(SyntheticShapesOptions.Train(TrainingImages));

    public override ISegmentationDataset? OpenValidation() =>
        new SyntheticRgbdDataset(SyntheticShapesOptions.Validation(Math.Max(1, TrainingImages / 8)));

    public override ISegmentationDataset OpenEvaluation() => new SyntheticRgbdDataset(SyntheticShapesOptions.Validation(TrainingImages));
}

/// <summary>NYUDv2's layout (<see cref="MultiInputFolderDataset"/>), at the root or in <c>train/</c> and <c>val/</c>; class count from the model.</summary>
internal sealed record NyudData(string Root) : DataSource
{
    public override int? ClassCount => null;

    public override string[]? ClassNames => null;

    public override ISegmentationDataset OpenTraining() => HasSplits ? Open(Path.Combine(Root, "train")) : Open(Root);

    public override ISegmentationDataset? OpenValidation() => HasSplits ? Open(Path.Combine(Root, "val")) : null;

    private bool HasSplits => Directory.Exists(Path.Combine(Root, "train")) && Directory.Exists(Path.Combine(Root, "val"));

    private static ISegmentationDataset Open(string folder)
    {
        try
        {
            return new MultiInputFolderDataset(folder);
        }
        catch (DirectoryNotFoundException exception)
        {
            throw new UserError(exception.Message + " (from --data nyud:)", exception);
        }
    }
}
