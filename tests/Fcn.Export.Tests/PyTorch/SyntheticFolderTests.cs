using System.IO;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Folder;
using Fcn.Runtime.Data.Synthetic;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.PyTorch;

/// <summary><c>fcn data synthetic</c>: the built-in shapes on disk, read back by Fcn.Runtime's folder loader.</summary>
public sealed class SyntheticFolderTests
{
    [Fact]
    public void The_written_folder_reads_back_as_the_synthetic_dataset()
    {
        using var folder = new TemporaryFolder("fcn-data-");
        string root = Path.Combine(folder.Path, "shapes");

        FcnCommand.Result result = FcnCommand.Run("data", "synthetic", "--out", root, "--images", "6", "--val-images", "3", "--size", "40");

        Assert.True(result.ExitCode == 0, result.Error);
        AssertSameSamples(new SyntheticShapesDataset(SyntheticShapesOptions.Train(6, 40)), Open(root, "train"));
        AssertSameSamples(new SyntheticShapesDataset(SyntheticShapesOptions.Validation(3, 40)), Open(root, "val"));
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_and_left_alone()
    {
        using var folder = new TemporaryFolder("fcn-data-");
        File.WriteAllText(folder.File("keep.txt"), "mine");

        FcnCommand.Result result = FcnCommand.Run("data", "synthetic", "--out", folder.Path, "--images", "2");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not empty", result.Error);
        Assert.Equal(new[] { folder.File("keep.txt") }, Directory.GetFileSystemEntries(folder.Path));
    }

    private static ImageMaskFolderDataset Open(string root, string split) =>
        new(Path.Combine(root, split, "images"), Path.Combine(root, split, "masks"));

    /// <summary>Same names and masks exactly (void included); images within the 8-bit rounding of PNG (0.5).</summary>
    private static void AssertSameSamples(ISegmentationDataset expected, ISegmentationDataset actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            using var scope = NewDisposeScope();
            using SegmentationSample drawn = expected.Load(i);
            using SegmentationSample read = actual.Load(i);
            Assert.Equal(drawn.Name, read.Name);
            Assert.Equal(drawn.Mask.shape, read.Mask.shape);
            Assert.True(drawn.Mask.eq(read.Mask).all().item<bool>(), $"{drawn.Name}: the mask differs after the round trip.");
            Assert.True(drawn.Mask.eq(255).any().item<bool>(), $"{drawn.Name}: no void band, so 255 would not be tested.");
            double largest = (drawn.Image - read.Image).abs().max().item<float>();
            Assert.True(largest <= 0.5 + 1e-4, $"{drawn.Name}: an image pixel moved by {largest} (PNG rounding allows 0.5).");
        }
    }
}
