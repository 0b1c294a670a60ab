using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Inference.Tests.Specs;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Inference.Tests;

/// <summary>
/// The engine on a model with two named inputs and two heads of their own class counts
/// (Specs/tiny-fusion-two-heads.fcn.yaml: NYUD's late fusion and SIFT Flow's heads in miniature), with
/// seeded random values in every parameter: the inputs go in by name, every head comes out by name, and
/// its logits are the TorchSharp model's (max |diff| &lt;= 1e-4 * max |ref| + 1e-6), whole and in
/// overlapping tiles (the reference then runs the TorchSharp model on the same tiles and averages).
/// </summary>
public sealed class MultiInputEngineTests : IDisposable
{
    // nyud_layers.py's color and HHA means (BGR), shelhamer/fcn.berkeleyvision.org.
    private static readonly InputNormalization Color = new("caffe", true, 1, new[] { 116.190, 97.203, 92.318 }, new[] { 1.0, 1, 1 });
    private static readonly InputNormalization Hha = new("caffe", true, 1, new[] { 132.431, 94.076, 118.477 }, new[] { 1.0, 1, 1 });

    private readonly string path = Path.Combine(Path.GetTempPath(), "fcn-fusion-" + Guid.NewGuid().ToString("N") + ".onnx");
    private readonly TinyFusionTwoHeads model = new(classesSem: 4, classesGeo: 3);

    public MultiInputEngineTests()
    {
        using var generator = new Generator(9);
        using (no_grad())
        {
            foreach (var (_, tensor) in model.state_dict())
            {
                if (!tensor.is_floating_point()) continue;
                double bound = tensor.dim() >= 2 ? Math.Sqrt(6.0 / (tensor.numel() / tensor.shape[0])) : 0.5;
                tensor.uniform_(-bound, bound, generator);
            }
        }

        model.eval();
        ModelOnnxExport.Save(model, path, new OnnxExportOptions(InputNormalizations: new Dictionary<string, InputNormalization> { ["color"] = Color, ["hha"] = Hha }));
    }

    [Theory]
    [InlineData(33, 41, null)]
    [InlineData(45, 57, 24)]
    public void Each_head_matches_the_torchsharp_model_with_the_inputs_given_by_name(int height, int width, int? tile)
    {
        using var engine = new OnnxSegmentationEngine(path, new OnnxEngineOptions(TileSize: tile, TileOverlap: 8, BatchSize: 2, Threads: 2));
        Assert.Equal(new[] { "color", "hha" }, engine.InputNames);
        Assert.Equal(new[] { "sem", "geo" }, engine.OutputNames);
        Assert.Equal(new[] { "sem", "geo" }, engine.Metadata.Heads);
        Assert.Equal(new int?[] { 4, 3 }, engine.Metadata.Outputs.Select(output => output.Classes));
        var random = new Random(height);
        var inputs = new Dictionary<string, PlanarImage>
        {
            ["color"] = Planar(3, height, width, random),
            ["hha"] = Planar(3, height, width, random),
        };

        IReadOnlyDictionary<string, OutputLogits> outputs = engine.PredictOutputs(inputs);
        IReadOnlyDictionary<string, IndexedImage> masks = engine.PredictMasks(inputs);

        float[][] expected = Reference(inputs, height, width, tile);
        string[] heads = { "sem", "geo" };
        for (int i = 0; i < heads.Length; i++)
        {
            OutputLogits logits = outputs[heads[i]];
            Assert.Equal((new[] { 4, 3 }[i], height, width), (logits.Classes, logits.Height, logits.Width));
            double largest = expected[i].Max(v => Math.Abs((double)v));
            Assert.True(largest > 0);
            double worst = expected[i].Zip(logits.Data, (a, b) => Math.Abs((double)a - b)).Max();
            Assert.True(worst <= 1e-4 * largest + 1e-6, $"{heads[i]}: max |diff| {worst:G4} (max |ref| {largest:G4}).");
            Assert.Equal(logits.ToMask().Pixels, masks[heads[i]].Pixels);
        }
    }

    [Fact]
    public void Rgb_images_by_name_are_normalized_as_each_inputs_metadata_says()
    {
        using var engine = new OnnxSegmentationEngine(path, new OnnxEngineOptions(Threads: 2));
        RgbImage color = Image(29, 35, 1), hha = Image(29, 35, 2);

        IReadOnlyDictionary<string, OutputLogits> fromImages = engine.PredictOutputs(new Dictionary<string, RgbImage> { ["color"] = color, ["hha"] = hha });

        // By hand: BGR order, the input's own mean subtracted (std 1).
        IReadOnlyDictionary<string, OutputLogits> fromPlanes = engine.PredictOutputs(new Dictionary<string, PlanarImage>
        {
            ["color"] = ByHand(color, Color),
            ["hha"] = ByHand(hha, Hha),
        });
        Assert.Equal(fromPlanes["sem"].Data, fromImages["sem"].Data);
        Assert.Equal(fromPlanes["geo"].Data, fromImages["geo"].Data);
    }

    [Fact]
    public void Missing_unknown_or_misshapen_inputs_are_refused_by_name()
    {
        using var engine = new OnnxSegmentationEngine(path, new OnnxEngineOptions(Threads: 2));
        var random = new Random(1);
        PlanarImage color = Planar(3, 21, 23, random);

        Assert.Contains("Input 'hha' is missing", Assert.Throws<ArgumentException>(() => engine.PredictOutputs(new Dictionary<string, PlanarImage> { ["color"] = color })).Message);
        Assert.Contains("no input 'depth'", Assert.Throws<ArgumentException>(() => engine.PredictOutputs(new Dictionary<string, PlanarImage> { ["color"] = color, ["hha"] = color, ["depth"] = Planar(1, 21, 23, random) })).Message);
        Assert.Contains("has 1 channels; the model takes 3", Assert.Throws<ArgumentException>(() => engine.PredictOutputs(new Dictionary<string, PlanarImage> { ["color"] = color, ["hha"] = Planar(1, 21, 23, random) })).Message);
        Assert.Contains("same size", Assert.Throws<ArgumentException>(() => engine.PredictOutputs(new Dictionary<string, PlanarImage> { ["color"] = color, ["hha"] = Planar(3, 21, 25, random) })).Message);
        Assert.Contains("give them by name", Assert.Throws<ArgumentException>(() => engine.PredictMask(Image(21, 23, 3))).Message);
    }

    public void Dispose()
    {
        model.Dispose();
        File.Delete(path);
    }

    /// <summary>The TorchSharp model's heads, whole, or on the engine's tiles (SlidingWindow's) averaged where they overlap.</summary>
    private float[][] Reference(Dictionary<string, PlanarImage> inputs, int height, int width, int? tile)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        // ForwardOutputs takes the inputs concatenated along the channels, in declaration order.
        Tensor stacked = cat(new[] { "color", "hha" }.Select(name => tensor(inputs[name].Data, new long[] { 1, 3, height, width })).ToList(), 1);
        if (tile is not int side) return model.ForwardOutputs(stacked).Select(head => head.contiguous().data<float>().ToArray()).ToArray();

        int tileHeight = Math.Min(side, height), tileWidth = Math.Min(side, width);
        Tensor[] sums = { zeros(1, 4, height, width), zeros(1, 3, height, width) };
        Tensor count = zeros(1, 1, height, width);
        foreach ((int top, int left) in SlidingWindow.Tiles(height, width, side, 8))
        {
            IReadOnlyList<Tensor> heads = model.ForwardOutputs(stacked.narrow(2, top, tileHeight).narrow(3, left, tileWidth));
            for (int i = 0; i < 2; i++) sums[i].narrow(2, top, tileHeight).narrow(3, left, tileWidth).add_(heads[i]);
            count.narrow(2, top, tileHeight).narrow(3, left, tileWidth).add_(1);
        }

        return sums.Select(sum => (sum / count).contiguous().data<float>().ToArray()).ToArray();
    }

    private static PlanarImage Planar(int channels, int height, int width, Random random) =>
        new(channels, height, width, Enumerable.Range(0, channels * height * width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());

    private static RgbImage Image(int width, int height, int seed)
    {
        var random = new Random(seed);
        return new RgbImage(width, height, Enumerable.Range(0, 3 * width * height).Select(_ => (float)random.Next(256)).ToArray());
    }

    private static PlanarImage ByHand(RgbImage image, InputNormalization normalization)
    {
        int plane = image.Width * image.Height;
        var data = new float[3 * plane];
        for (int c = 0; c < 3; c++)
            for (int p = 0; p < plane; p++)
                data[c * plane + p] = image.Planes[(2 - c) * plane + p] - (float)normalization.Mean[c];
        return new PlanarImage(3, image.Height, image.Width, data);
    }
}
