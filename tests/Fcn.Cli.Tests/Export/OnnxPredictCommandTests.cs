using System;
using System.IO;
using System.Linq;
using Fcn.Cli.Tests.Support;
using Fcn.Imaging.Png;
using Fcn.Runtime.Weights;
using SkiaSharp;
using Fcn.Tests.Shared;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Cli.Tests.Export;

/// <summary><c>fcn predict --model F.onnx</c> gives the masks <c>fcn predict --model TinyFcn8s --weights W</c> gives.</summary>
public sealed class OnnxPredictCommandTests
{
    [Fact]
    public void An_exported_model_predicts_the_masks_the_torchsharp_model_predicts()
    {
        using var folder = new TempFolder();
        using var model = new TinyFcn8s(4);
        using (var generator = new Generator(3))
        using (no_grad())
        {
            foreach (var (key, tensor) in model.state_dict())
            {
                if (!tensor.is_floating_point()) continue;
                bool positive = key.EndsWith("running_var", StringComparison.Ordinal);
                double bound = tensor.dim() >= 2 ? Math.Sqrt(6.0 / (tensor.numel() / tensor.shape[0])) : 0.5;
                tensor.uniform_(positive ? 0.5 : -bound, positive ? 1.5 : bound, generator);
            }
        }

        string weights = Path.Combine(folder.Path, "tiny.pt");
        StateDictFile.Write(model, weights);
        string onnx = Path.Combine(folder.Path, "tiny.onnx");
        Assert.Equal(0, Tool.Run("export", ExampleSpecs.PathOf("tiny-fcn8s.fcn.yaml"), "--format", "onnx", "--weights", weights, "--out", onnx).ExitCode);
        string image = Photo(folder.Path, 91, 77);

        CliResult torch = Tool.Run("predict", image, "--model", "TinyFcn8s", "--weights", weights, "--out", Path.Combine(folder.Path, "torch"), "--device", "cpu");
        CliResult exported = Tool.Run("predict", image, "--model", onnx, "--out", Path.Combine(folder.Path, "onnx"), "--device", "cpu");

        Assert.True(torch.ExitCode == 0, torch.Error);
        Assert.True(exported.ExitCode == 0, exported.Error);
        IndexedImage expected = IndexedPngReader.Read(Path.Combine(folder.Path, "torch", "photo.png"));
        IndexedImage actual = IndexedPngReader.Read(Path.Combine(folder.Path, "onnx", "photo.png"));
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        // float32 near-ties may fall either way; any real disagreement shows as far more than 0.5 % of pixels.
        int differing = expected.Pixels.Zip(actual.Pixels).Count(pair => pair.First != pair.Second);
        Assert.True(differing <= expected.Pixels.Length / 200, $"{differing} of {expected.Pixels.Length} pixels differ.");
        Assert.True(expected.Pixels.Distinct().Count() > 1, "A one-class mask would agree by accident.");
        Assert.True(File.Exists(Path.Combine(folder.Path, "onnx", "photo_overlay.png")));
    }

    [Fact]
    public void Cuda_without_the_gpu_natives_and_weights_beside_an_onnx_model_are_one_line_errors()
    {
        using var folder = new TempFolder();
        string onnx = Path.Combine(folder.Path, "tiny.onnx");
        Assert.Equal(0, Tool.Run("export", ExampleSpecs.PathOf("tiny-fcn8s.fcn.yaml"), "--format", "onnx", "--out", onnx).ExitCode);
        string image = Photo(folder.Path, 70, 70);

        CliResult cuda = Tool.Run("predict", image, "--model", onnx, "--out", folder.Path, "--device", "cuda");
        CliResult weights = Tool.Run("predict", image, "--model", onnx, "--weights", "w.pt", "--out", folder.Path);

        Assert.Equal(1, cuda.ExitCode);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", Assert.Single(cuda.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, weights.ExitCode);
        Assert.Contains("leave --weights out", Assert.Single(weights.ErrorLines), StringComparison.Ordinal);
    }

    private static string Photo(string folder, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(width);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        string path = Path.Combine(folder, "photo.png");
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
        return path;
    }
}
