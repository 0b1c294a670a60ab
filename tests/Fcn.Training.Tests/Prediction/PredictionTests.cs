using System.IO;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Prediction;
using Fcn.Training.Tests.Support;
using SkiaSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Prediction;

public sealed class PredictionTests
{
    [Fact]
    public void Sliding_window_tiles_cover_the_image_and_end_flush()
    {
        // length 100, tile 40, overlap 10: stride 30 -> 0, 30, then 60 would end at 100 = flush -> 60.
        Assert.Equal(new[] { 0, 30, 60 }, SlidingWindow.Starts(100, 40, 10));
        // length 101: 0, 30, 60 (ends at 100 < 101), then 61 flush with the end.
        Assert.Equal(new[] { 0, 30, 60, 61 }, SlidingWindow.Starts(101, 40, 10));
        Assert.Equal(new[] { 0 }, SlidingWindow.Starts(30, 40, 10));
    }

    [Fact]
    public void Tiled_prediction_equals_whole_image_prediction_for_a_pointwise_model()
    {
        // A 1x1 network sees no context, so every tile gives exactly the whole-image logits of its pixels
        // and averaging equal values changes nothing (up to float rounding of the average).
        using var model = new PixelClassifier(classes: 4, kernel: 1);
        using var scope = NewDisposeScope();
        Tensor image = rand(3, 45, 37).mul(255);
        var whole = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision, Device: CPU));
        var tiled = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision, TileSize: 16, TileOverlap: 5, BatchSize: 3, Device: CPU));
        Tensor expected = whole.PredictLogits(image);
        Tensor actual = tiled.PredictLogits(image);
        Assert.Equal(new long[] { 4, 45, 37 }, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Predictions_are_written_as_palette_masks_and_overlays()
    {
        using var temp = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        Tensor image = full(new long[] { 3, 5, 6 }, 100f);
        Tensor mask = tensor(new long[] { 0, 1, 2, 3, 255, 0, 0, 1, 2, 3, 255, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 }, new long[] { 5, 6 });
        (string maskPath, string overlayPath) = PredictionWriter.Write(temp.Path, "sample", image, mask);

        IndexedImage back = IndexedPngReader.Read(maskPath);
        Assert.Equal(Tensors.Longs(mask), System.Array.ConvertAll(back.Pixels, p => (long)p));

        using SKBitmap overlay = SKBitmap.Decode(overlayPath);
        Assert.Equal(6, overlay.Width);
        // Background pixel untouched: (100, 100, 100). Class 1 pixel: 0.5 * (100,100,100) + 0.5 * (128, 0, 0) = (114, 50, 50).
        Assert.Equal(new SKColor(100, 100, 100), overlay.GetPixel(0, 0));
        SKColor tinted = overlay.GetPixel(1, 0);
        Assert.InRange(tinted.Red, 113, 115);
        Assert.InRange(tinted.Green, 49, 51);
        Assert.InRange(tinted.Blue, 49, 51);
    }
}
