using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Export.Tests.Onnx.Specs;
using Fcn.Export.Tests.PyTorch;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Fcn.Inference;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// <c>fcn predict</c> with the export of a multi-task model (Onnx/Specs/tiny-two-heads.fcn.yaml, SIFT Flow's
/// two heads in miniature) writes one mask per head, NAME.sem.png and NAME.geo.png, each the argmax of
/// that head's logits as the TorchSharp model computes them (pixels whose two best classes lie within
/// float32 noise of each other aside). And the export of a model with several inputs, which an image file
/// cannot feed, is refused with a message and writes nothing.
/// </summary>
public sealed class MultiHeadPredictTests
{
    [Fact]
    public void Predict_writes_one_mask_per_head()
    {
        using var folder = new TemporaryFolder("fcn-heads-");
        using var model = new TinyTwoHeads(classesSem: 5, classesGeo: 3);
        model.eval();
        SeededWeights.Fill(model, seed: 3);
        string onnx = folder.File("heads.onnx");
        var torchvision = new InputNormalization("torchvision", false, 1 / 255.0, new[] { 0.485, 0.456, 0.406 }, new[] { 0.229, 0.224, 0.225 });
        ModelOnnxExport.Save(model, onnx, new OnnxExportOptions(Normalization: torchvision));
        var random = new Random(4);
        var image = new RgbImage(37, 29, Enumerable.Range(0, 3 * 37 * 29).Select(_ => (float)random.Next(256)).ToArray());
        string photo = folder.File("photo.png");
        RgbImagePng.Write(photo, image);
        string output = Path.Combine(folder.Path, "out");

        FcnCommand.Result result = FcnCommand.Run("predict", photo, "--model", onnx, "--out", output, "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(new[] { "photo.geo.png", "photo.geo_overlay.png", "photo.sem.png", "photo.sem_overlay.png" },
            Directory.GetFiles(output).Select(Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal));
        IReadOnlyList<Tensor> heads;
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        // The decoded PNG is the image exactly (8-bit values), normalized as torchvision's convention says.
        Tensor input = (tensor(image.Planes, new long[] { 1, 3, 29, 37 }) / 255.0 - tensor(new[] { 0.485f, 0.456f, 0.406f }).view(1, 3, 1, 1)) / tensor(new[] { 0.229f, 0.224f, 0.225f }).view(1, 3, 1, 1);
        heads = model.ForwardOutputs(input);
        string[] names = { "sem", "geo" };
        for (int i = 0; i < names.Length; i++)
        {
            IndexedImage mask = IndexedPngReader.Read(Path.Combine(output, "photo." + names[i] + ".png"));
            Tensor logits = heads[i][0];
            Tensor best = logits.argmax(0).to(ScalarType.Byte).flatten();
            Tensor top2 = logits.topk(2, dim: 0).values;
            Tensor clear = (top2[0] - top2[1] > 1e-4 * logits.abs().max().item<float>()).flatten();
            byte[] expected = best.data<byte>().ToArray();
            bool[] decisive = clear.data<bool>().ToArray();
            Assert.Equal((37, 29), (mask.Width, mask.Height));
            Assert.True(decisive.Count(d => d) > decisive.Length / 2, "Too many near ties: the comparison would prove little.");
            for (int p = 0; p < expected.Length; p++)
                if (decisive[p]) Assert.Equal(expected[p], mask.Pixels[p]);
            Assert.Contains(mask.Pixels, pixel => pixel != mask.Pixels[0]);
        }
    }

    [Fact]
    public void Predict_refuses_a_model_with_several_inputs_and_writes_nothing()
    {
        using var folder = new TemporaryFolder("fcn-inputs-");
        using var model = new Fcn.Tests.Models.TinyRgbdFcn(); // tests/Shared/Specs/tiny-rgbd.fcn.yaml: inputs color and depth
        model.eval();
        SeededWeights.Fill(model, seed: 5);
        string onnx = folder.File("rgbd.onnx");
        ModelOnnxExport.Save(model, onnx);
        string photo = folder.File("photo.png");
        RgbImagePng.Write(photo, new RgbImage(33, 31, new float[3 * 33 * 31]));
        string output = Path.Combine(folder.Path, "out");

        FcnCommand.Result result = FcnCommand.Run("predict", photo, "--model", onnx, "--out", output, "--device", "cpu");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("takes 2 inputs (color, depth)", result.Error);
        Assert.Contains("PredictOutputs", result.Error);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "a refused prediction wrote files");
    }
}
