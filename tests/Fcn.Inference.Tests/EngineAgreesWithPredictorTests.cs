using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Prediction;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Inference.Tests;

/// <summary>
/// The ONNX Runtime engine does what fcn predict's TorchSharp predictor does, on the tiny FCN-8s with
/// seeded random values in every parameter and buffer: the same logits (max |diff| &lt;= 1e-4 * max |ref|
/// + 1e-6) whole and in overlapping tiles, and the same class at every pixel whose two best classes are
/// not within that tolerance of each other (a near tie may fall either way in float32).
/// </summary>
public sealed class EngineAgreesWithPredictorTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "fcn-engine-" + Guid.NewGuid().ToString("N") + ".onnx");
    private readonly TinyFcn8s model = new(4);

    public EngineAgreesWithPredictorTests()
    {
        using var generator = new Generator(5);
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

        var normalization = ImageNormalization.TorchVision;
        ModelOnnxExport.Save(model, path, new OnnxExportOptions(
            ClassNames: new[] { "background", "circle", "square", "triangle" },
            Normalization: new InputNormalization(normalization.Name, normalization.ToBgr, normalization.Scale, normalization.Mean, normalization.Std)));
    }

    [Theory]
    [InlineData(67, 83, null)]
    [InlineData(101, 131, 64)]
    public void Logits_and_masks_match_the_torchsharp_predictor(int height, int width, int? tile)
    {
        RgbImage image = Photograph(width, height);
        using var engine = new OnnxSegmentationEngine(path, new OnnxEngineOptions(TileSize: tile, TileOverlap: 16, BatchSize: 3, Threads: 2));
        var predictor = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision, TileSize: tile, TileOverlap: 16, BatchSize: 3, Device: CPU));

        float[] logits = engine.PredictLogits(image, out int classes);
        IndexedImage mask = engine.PredictMask(image);
        using Tensor input = tensor(image.Planes, new long[] { 3, height, width });
        using Tensor reference = predictor.PredictLogits(input);
        float[] expected = reference.data<float>().ToArray();

        Assert.Equal(4, classes);
        Assert.Equal(expected.Length, logits.Length);
        double largest = expected.Max(v => Math.Abs(v));
        double tolerance = 1e-4 * largest + 1e-6;
        Assert.True(largest > 0);
        Assert.True(expected.Zip(logits, (a, b) => Math.Abs(a - b)).Max() <= tolerance);
        int plane = height * width;
        for (int p = 0; p < plane; p++)
        {
            float[] scores = Enumerable.Range(0, classes).Select(c => expected[c * plane + p]).ToArray();
            float[] ranked = scores.OrderByDescending(s => s).ToArray();
            if (ranked[0] - ranked[1] > 2 * tolerance) Assert.Equal(Array.IndexOf(scores, ranked[0]), mask.Pixels[p]);
        }
    }

    [Fact]
    public void The_engine_reads_what_the_export_recorded()
    {
        using var engine = new OnnxSegmentationEngine(path);

        Assert.Equal("TinyFcn8s", engine.Metadata.Model);
        Assert.Equal(4, engine.Metadata.Classes);
        Assert.Equal(new[] { "background", "circle", "square", "triangle" }, engine.Metadata.ClassNames);
        Assert.Equal(ImageNormalization.TorchVision.Mean, engine.Metadata.Normalization!.Mean);
        Assert.Equal(TinyFcn8s.Description.Spec, engine.Metadata.Spec);
    }

    [Fact]
    public void Cuda_without_the_gpu_natives_is_a_clear_error()
    {
        // This test project references the CPU natives (Microsoft.ML.OnnxRuntime), which have no CUDA provider.
        Assert.DoesNotContain("CUDAExecutionProvider", OnnxSegmentationEngine.AvailableProviders());
        var failure = Assert.Throws<OnnxEngineException>(() => new OnnxSegmentationEngine(path, new OnnxEngineOptions(OnnxExecutionProvider.Cuda)));
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_and_its_image_code_do_not_reference_torchsharp()
    {
        var seen = new System.Collections.Generic.HashSet<string>();
        var pending = new System.Collections.Generic.Stack<Assembly>(new[] { typeof(OnnxSegmentationEngine).Assembly });
        while (pending.Count > 0)
        {
            foreach (AssemblyName reference in pending.Pop().GetReferencedAssemblies())
            {
                Assert.DoesNotContain("TorchSharp", reference.Name, StringComparison.Ordinal);
                if (reference.Name!.StartsWith("Fcn.", StringComparison.Ordinal) && seen.Add(reference.Name)) pending.Push(Assembly.Load(reference));
            }
        }

        Assert.Contains("Fcn.Imaging", seen);
    }

    public void Dispose()
    {
        model.Dispose();
        File.Delete(path);
    }

    private static RgbImage Photograph(int width, int height)
    {
        var random = new Random(width * height);
        return new RgbImage(width, height, Enumerable.Range(0, 3 * width * height).Select(_ => (float)random.Next(256)).ToArray());
    }
}
