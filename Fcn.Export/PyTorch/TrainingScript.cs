using System.IO;

namespace Fcn.Export.PyTorch;

/// <summary>
/// The distributed training entry point (<c>train_ddp.py</c>), shipped inside this assembly and written by
/// <c>fcn export --format pytorch</c> beside the module. One generic script rather than one per spec: the
/// recipe (data layouts, loss, SGD, DDP) does not depend on the network, so there is a single file to read,
/// test and fix, and every exported module trains the same way; it takes the module's path.
/// </summary>
public static class TrainingScript
{
    /// <summary>The script's file name beside the exported module.</summary>
    public const string FileName = "train_ddp.py";

    /// <summary>The script's text.</summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        using Stream stream = typeof(TrainingScript).Assembly.GetManifestResourceStream(FileName)
            ?? throw new FileNotFoundException("The training script is not embedded in Fcn.Export.", FileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
