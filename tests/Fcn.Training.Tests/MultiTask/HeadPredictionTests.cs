using System.Linq;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Prediction;
using Fcn.Training.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.MultiTask;

public sealed class HeadPredictionTests
{
    [Fact]
    public void A_single_input_multi_head_model_predicts_every_head_from_one_image()
    {
        using var model = new SemGeoFromOneImage();
        // torchvision's convention: (v / 255 - mean) / std per RGB channel, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).
        // Pixel 0: R 255, G 0, B 0 -> (2.249, -2.036, -1.804): sem argmax(R, G) = 0, geo argmax(G, B) = 1 (B).
        // Pixel 1: R 0, G 255, B 0 -> (-2.118, 2.429, -1.804): sem 1, geo 0 (G).
        Tensor image = tensor(new float[] { 255, 0, /* G */ 0, 255, /* B */ 0, 0 }, new long[] { 3, 1, 2 });
        var predictor = new SegmentationPredictor(model, new PredictionOptions(ImageNormalization.TorchVision, Device: CPU));

        var heads = predictor.PredictHeadMasks(image);

        Assert.Equal(new[] { "sem", "geo" }, heads.Select(h => h.Head));
        Assert.Equal(new long[] { 0, 1 }, heads[0].Mask.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 0 }, heads[1].Mask.data<long>().ToArray());
    }
}
