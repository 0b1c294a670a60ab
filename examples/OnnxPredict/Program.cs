// Segments images with an exported FCN in ONNX Runtime: dotnet run -- model.onnx photo.jpg [more images] [--cuda]
// Writes photo.png (VOC palette mask) and photo_overlay.png beside the working folder's predictions/.
using System;
using System.Linq;
using Fcn.Imaging;
using Fcn.Inference;

string[] files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
if (files.Length < 2)
{
    Console.Error.WriteLine("usage: OnnxPredict MODEL.onnx IMAGE... [--cuda]");
    return 2;
}

var options = new OnnxEngineOptions(Provider: args.Contains("--cuda") ? OnnxExecutionProvider.Cuda : OnnxExecutionProvider.Cpu);
using var engine = new OnnxSegmentationEngine(files[0], options);
foreach (string file in files.Skip(1))
{
    RgbImage image = RgbImageDecoder.Decode(file);
    var (mask, overlay) = PredictionPngs.Write("predictions", System.IO.Path.GetFileNameWithoutExtension(file), image, engine.PredictMask(image));
    Console.WriteLine($"{file} -> {mask}, {overlay}");
}

return 0;
