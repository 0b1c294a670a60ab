using System.IO;
using System.Linq;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Folder;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Data.Voc;
using Fcn.Training.Tests.Support;
using SkiaSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Data;

public sealed class VocDatasetTests
{
    // A VOC-layout folder with: "good" (8x6 jpg + palette mask with a void band), "nomask" (jpg, no png),
    // "corrupt" (garbage .jpg + valid mask), "mismatch" (8x6 jpg, 5x5 mask).
    private static string WriteVocFolder(TemporaryDirectory temp)
    {
        string root = temp.Path;
        Directory.CreateDirectory(Path.Combine(root, "JPEGImages"));
        Directory.CreateDirectory(Path.Combine(root, "SegmentationClass"));
        Directory.CreateDirectory(Path.Combine(root, "ImageSets", "Segmentation"));
        File.WriteAllLines(Path.Combine(root, "ImageSets", "Segmentation", "train.txt"), new[] { "good", "nomask", "corrupt", "mismatch", "" });

        WriteJpeg(Path.Combine(root, "JPEGImages", "good.jpg"), 8, 6);
        IndexedPngWriter.Write(Path.Combine(root, "SegmentationClass", "good.png"), GoodMask());
        WriteJpeg(Path.Combine(root, "JPEGImages", "nomask.jpg"), 8, 6);
        File.WriteAllBytes(Path.Combine(root, "JPEGImages", "corrupt.jpg"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        IndexedPngWriter.Write(Path.Combine(root, "SegmentationClass", "corrupt.png"), GoodMask());
        WriteJpeg(Path.Combine(root, "JPEGImages", "mismatch.jpg"), 8, 6);
        IndexedPngWriter.Write(Path.Combine(root, "SegmentationClass", "mismatch.png"), new IndexedImage(5, 5, new byte[25]));
        return root;
    }

    // Left half class 15 (person), right half 0, and a void column (255) in between.
    private static IndexedImage GoodMask() =>
        new(8, 6, Enumerable.Range(0, 48).Select(i => (byte)(i % 8 < 3 ? 15 : i % 8 == 3 ? 255 : 0)).ToArray());

    private static void WriteJpeg(string path, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(200, 100, 50));
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    [Fact]
    public void Loads_images_and_class_indices_with_void()
    {
        using var temp = new TemporaryDirectory();
        var dataset = new VocSegmentationDataset(WriteVocFolder(temp), "train");
        Assert.Equal(4, dataset.Count);
        using SegmentationSample sample = dataset.Load(0);
        Assert.Equal("good", sample.Name);
        Assert.Equal(new long[] { 3, 6, 8 }, sample.Image.shape);
        long[] labels = Tensors.Longs(sample.Mask);
        Assert.Equal(GoodMask().Pixels.Select(p => (long)p), labels);
        // A flat JPEG of (200, 100, 50) decodes to about that colour (JPEG is lossy: +-3).
        float[] rgb = Tensors.Floats(sample.Image);
        Assert.InRange(rgb[0], 197, 203);
        Assert.InRange(rgb[48], 97, 103);
        Assert.InRange(rgb[96], 47, 53);
    }

    [Theory]
    [InlineData(1, "nomask", "nomask.png")]
    [InlineData(2, "corrupt", "corrupt.jpg")]
    [InlineData(3, "mismatch", "mismatch.png")]
    public void Bad_samples_are_reported_by_name(int index, string name, string file)
    {
        using var temp = new TemporaryDirectory();
        var dataset = new VocSegmentationDataset(WriteVocFolder(temp), "train");
        SampleLoadException error = Assert.Throws<SampleLoadException>(() => dataset.Load(index));
        Assert.Equal(name, error.SampleName);
        Assert.EndsWith(file, error.FilePath);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void The_loader_can_skip_bad_samples_and_count_them()
    {
        using var temp = new TemporaryDirectory();
        var dataset = new VocSegmentationDataset(WriteVocFolder(temp), "train");
        var loader = new SegmentationLoader(dataset, new LoaderOptions(ImageNormalization.Caffe, BatchSize: 2, SkipBadSamples: true));
        var batches = loader.Batches(0).ToList();
        Assert.Single(batches);                       // batch 0 = good + nomask -> 1 image; batch 1 all bad.
        Assert.Equal(new[] { "good" }, batches[0].Batch.Names);
        Assert.Equal(3, loader.Skipped.Count);
        Assert.Equal(new[] { "nomask", "corrupt", "mismatch" }, loader.Skipped.Select(e => e.SampleName));
        batches.ForEach(b => b.Batch.Dispose());

        var strict = new SegmentationLoader(dataset, new LoaderOptions(ImageNormalization.Caffe, BatchSize: 2));
        Assert.Throws<SampleLoadException>(() => strict.Batches(0).ToList());
    }

    [Fact]
    public void A_folder_of_pairs_loads_by_file_stem()
    {
        using var temp = new TemporaryDirectory();
        string images = Path.Combine(temp.Path, "images"), masks = Path.Combine(temp.Path, "masks");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(masks);
        WriteJpeg(Path.Combine(images, "b.jpg"), 8, 6);
        WriteJpeg(Path.Combine(images, "a.jpg"), 8, 6);
        IndexedPngWriter.Write(Path.Combine(masks, "a.png"), GoodMask());
        IndexedPngWriter.Write(Path.Combine(masks, "b.png"), GoodMask());
        var dataset = new ImageMaskFolderDataset(images, masks);
        Assert.Equal(new[] { "a", "b" }, new[] { dataset.NameOf(0), dataset.NameOf(1) });
        using SegmentationSample sample = dataset.Load(1);
        Assert.Equal(15, Tensors.Longs(sample.Mask)[0]);
    }
}
