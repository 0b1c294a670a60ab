using Fcn.Dsl.Model;

namespace Fcn.Dsl.Catalogue;

/// <summary>
/// VGG16 made fully convolutional, as in the Caffe FCN reference (<c>voc-fcn32s</c>) with the layer
/// names of its PyTorch port (wkentaro/pytorch-fcn, torchfcn), so that port's weights load by name.
/// </summary>
internal static class Vgg16CatalogueEntry
{
    public const string Name = "vgg16";

    /// <summary>
    /// conv1_1's 100-pixel pad makes the stride-32 output large enough to be cropped back onto any input
    /// size (paper, section 4.1; the Caffe reference's voc-fcn32s/net.py: conv1_1 pad=100); every other 3x3
    /// conv pads by 1 and keeps its size.
    /// </summary>
    private const int FirstConvPad = 100;

    public static CatalogueBackbone Expand(int inputChannels)
    {
        var layers = new LayerListBuilder();
        int channels = inputChannels;
        int[] stageWidths = { 64, 128, 256, 512, 512 };
        int[] convsPerStage = { 2, 2, 3, 3, 3 };
        for (int stage = 1; stage <= stageWidths.Length; stage++)
        {
            int width = stageWidths[stage - 1];
            for (int conv = 1; conv <= convsPerStage[stage - 1]; conv++)
            {
                string suffix = Suffix(stage) + "_" + Suffix(conv);
                int pad = stage == 1 && conv == 1 ? FirstConvPad : 1;
                layers.Conv("conv" + suffix, channels, width, kernel: 3, pad: pad).Relu("relu" + suffix);
                channels = width;
            }

            layers.MaxPool("pool" + Suffix(stage), kernel: 2, stride: 2);
        }

        // fc6 and fc7 are VGG's classifier reshaped into convolutions: 7x7 over pool5, then 1x1.
        layers.Conv("fc6", channels, 4096, kernel: 7).Relu("relu6").Dropout("drop6", 0.5)
              .Conv("fc7", 4096, 4096, kernel: 1).Relu("relu7").Dropout("drop7", 0.5);

        var taps = new[]
        {
            new CatalogueTap("pool1", "pool1"), new CatalogueTap("pool2", "pool2"), new CatalogueTap("pool3", "pool3"),
            new CatalogueTap("pool4", "pool4"), new CatalogueTap("pool5", "pool5"), new CatalogueTap("fc7", "drop7"),
        };
        return new CatalogueBackbone(Name, layers.Build(), taps.ToEquatableArray());
    }

    private static string Suffix(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
