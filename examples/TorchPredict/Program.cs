// Segments images with the generated TinyFcn8s in TorchSharp: dotnet run -- weights.pt photo.jpg [more images]
using System;
using System.Linq;
using Fcn.Runtime.Data.Decoding;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Prediction;
using Fcn.Runtime.Weights;
using static TorchSharp.torch;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: TorchPredict WEIGHTS.pt IMAGE...");
    return 2;
}

using var model = new FcnDsl.Examples.TinyFcn8s();
WeightLoader.LoadFile(model, args[0]);
var predictor = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision));
foreach (string file in args.Skip(1))
{
    using var scope = NewDisposeScope();
    Tensor image = ImageDecoder.Decode(file);
    var (mask, overlay) = PredictionWriter.Write("predictions", System.IO.Path.GetFileNameWithoutExtension(file), image, predictor.PredictMask(image));
    Console.WriteLine($"{file} -> {mask}, {overlay}");
}

return 0;
