using Fcn.Dsl.Model;

namespace Fcn.Dsl.Catalogue;

/// <summary>
/// AlexNet made fully convolutional, as in the Caffe FCN reference (<c>voc-fcn-alexnet</c>): the
/// original two-GPU grouping of conv2, conv4 and conv5 is kept, so the ImageNet weights fit as they are.
/// </summary>
internal static class AlexNetCatalogueEntry
{
    public const string Name = "alexnet";

    public static CatalogueBackbone Expand(int inputChannels)
    {
        // The pad of 100 on conv1 plays the same role as VGG16's: room to crop back onto any input size.
        var layers = new LayerListBuilder()
            .Conv("conv1", inputChannels, 96, kernel: 11, stride: 4, pad: 100).Relu("relu1")
            .MaxPool("pool1", kernel: 3, stride: 2).LocalResponseNorm("norm1", size: 5, alpha: 1e-4, beta: 0.75, k: 1)
            .Conv("conv2", 96, 256, kernel: 5, pad: 2, groups: 2).Relu("relu2")
            .MaxPool("pool2", kernel: 3, stride: 2).LocalResponseNorm("norm2", size: 5, alpha: 1e-4, beta: 0.75, k: 1)
            .Conv("conv3", 256, 384, kernel: 3, pad: 1).Relu("relu3")
            .Conv("conv4", 384, 384, kernel: 3, pad: 1, groups: 2).Relu("relu4")
            .Conv("conv5", 384, 256, kernel: 3, pad: 1, groups: 2).Relu("relu5")
            .MaxPool("pool5", kernel: 3, stride: 2)
            .Conv("fc6", 256, 4096, kernel: 6).Relu("relu6").Dropout("drop6", 0.5)
            .Conv("fc7", 4096, 4096, kernel: 1).Relu("relu7").Dropout("drop7", 0.5);

        var taps = new[]
        {
            new CatalogueTap("pool1", "pool1"), new CatalogueTap("pool2", "pool2"),
            new CatalogueTap("pool5", "pool5"), new CatalogueTap("fc7", "drop7"),
        };
        return new CatalogueBackbone(Name, layers.Build(), taps.ToEquatableArray());
    }
}
