using System;
using System.IO;
using System.Linq;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Depth;
using Fcn.Runtime.Data.Nyud;
using Fcn.Training.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.MultiTask;

public sealed class NyudFolderTests
{
    [Fact]
    public void Depth_is_the_log_of_the_png_value_minus_the_references_mean_log_depth()
    {
        // nyud_layers.py: d = log(d) - 7.844. log(2560) = 7.847763..., log(1000) = 6.907755...; 0 (missing) reads as 1.
        Tensor depth = LogDepth.Normalize(new ushort[] { 2560, 1000, 0 }, 1, 3);
        Assert.Equal(new long[] { 1, 1, 3 }, depth.shape);
        float[] values = depth.data<float>().ToArray();
        Assert.Equal(Math.Log(2560) - 7.844, values[0], 5);
        Assert.Equal(Math.Log(1000) - 7.844, values[1], 5);
        Assert.Equal(-7.844, values[2], 5);
    }

    [Fact]
    public void A_16_bit_depth_png_round_trips_every_value()
    {
        using var directory = new TemporaryDirectory();
        ushort[] values = { 0, 1, 255, 256, 4097, 65535 };
        Grey16Png.Write(directory.File("d.png"), 3, 2, values);
        (int width, int height, ushort[] read) = Grey16Png.Read(directory.File("d.png"));
        Assert.Equal((3, 2), (width, height));
        Assert.Equal(values, read);
    }

    [Fact]
    public void The_layout_gives_color_depth_and_one_label_per_head_folder()
    {
        using var directory = new TemporaryDirectory();
        foreach (string folder in new[] { "color", "depth", "labels/sem", "labels/geo" }) Directory.CreateDirectory(directory.File(folder));
        var rgb = new float[3 * 2 * 2];
        for (int i = 0; i < rgb.Length; i++) rgb[i] = i * 20;
        RgbImagePng.Write(directory.File("color/img_0001.png"), new RgbImage(2, 2, rgb));
        Grey16Png.Write(directory.File("depth/img_0001.png"), 2, 2, new ushort[] { 1000, 2000, 3000, 4000 });
        IndexedPngWriter.Write(directory.File("labels/sem/img_0001.png"), new IndexedImage(2, 2, new byte[] { 0, 3, 255, 1 }));
        IndexedPngWriter.Write(directory.File("labels/geo/img_0001.png"), new IndexedImage(2, 2, new byte[] { 2, 1, 255, 0 }));

        var dataset = new MultiInputFolderDataset(directory.Path);
        Assert.Equal(new[] { "color", "depth" }, dataset.Inputs.Select(i => i.Name));
        Assert.Equal(InputEncoding.Normalized, dataset.Inputs[1].Encoding);
        Assert.Equal(new[] { "geo", "sem" }, dataset.Labels.Select(l => l.Name));
        using SegmentationSample sample = dataset.Load(0);
        Assert.Equal("img_0001", sample.Name);
        Assert.Equal(rgb, sample.Input("color").data<float>().ToArray());
        Assert.Equal(Math.Log(3000) - 7.844, sample.Input("depth")[0, 1, 0].item<float>(), 5);
        Assert.Equal(new long[] { 0, 3, 255, 1 }, sample.Label("sem").data<long>().ToArray());
        Assert.Equal(new long[] { 2, 1, 255, 0 }, sample.Label("geo").data<long>().ToArray());
    }

    [Fact]
    public void A_missing_depth_file_names_the_sample_and_the_file()
    {
        using var directory = new TemporaryDirectory();
        foreach (string folder in new[] { "color", "depth", "labels" }) Directory.CreateDirectory(directory.File(folder));
        RgbImagePng.Write(directory.File("color/a.png"), new RgbImage(2, 2, new float[12]));
        IndexedPngWriter.Write(directory.File("labels/a.png"), new IndexedImage(2, 2, new byte[4]));

        var error = Assert.Throws<SampleLoadException>(() => new MultiInputFolderDataset(directory.Path).Load(0));
        Assert.Contains("Sample 'a': depth file is missing", error.Message);
        Assert.Contains(Path.Combine("depth", "a.png"), error.Message);
    }
}
