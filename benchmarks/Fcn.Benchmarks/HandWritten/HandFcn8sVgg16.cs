using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.HandWritten;

/// <summary>
/// FCN-8s on VGG16 written by hand, the way one would port torchfcn's <c>FCN8s</c> to TorchSharp: the
/// layers as fields (named as in torchfcn, so the generated model's state dict loads into it), a forward
/// that calls them in turn, and the crops as slices with the offsets hard-coded (5, 9, 31), as torchfcn
/// does. The baseline against which the generated <c>Fcn8s</c> is timed.
/// </summary>
public sealed class HandFcn8sVgg16 : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1_1, conv1_2, conv2_1, conv2_2, conv3_1, conv3_2, conv3_3;
    private readonly Conv2d conv4_1, conv4_2, conv4_3, conv5_1, conv5_2, conv5_3, fc6, fc7;
    private readonly ReLU relu1_1, relu1_2, relu2_1, relu2_2, relu3_1, relu3_2, relu3_3;
    private readonly ReLU relu4_1, relu4_2, relu4_3, relu5_1, relu5_2, relu5_3, relu6, relu7;
    private readonly MaxPool2d pool1, pool2, pool3, pool4, pool5;
    private readonly Dropout drop6, drop7;
    private readonly Conv2d score_fr, score_pool3, score_pool4;
    private readonly ConvTranspose2d upscore2, upscore8, upscore_pool4;

    public HandFcn8sVgg16(int classes) : base(nameof(HandFcn8sVgg16))
    {
        conv1_1 = nn.Conv2d(3, 64, 3, padding: 100);
        conv1_2 = nn.Conv2d(64, 64, 3, padding: 1);
        conv2_1 = nn.Conv2d(64, 128, 3, padding: 1);
        conv2_2 = nn.Conv2d(128, 128, 3, padding: 1);
        conv3_1 = nn.Conv2d(128, 256, 3, padding: 1);
        conv3_2 = nn.Conv2d(256, 256, 3, padding: 1);
        conv3_3 = nn.Conv2d(256, 256, 3, padding: 1);
        conv4_1 = nn.Conv2d(256, 512, 3, padding: 1);
        conv4_2 = nn.Conv2d(512, 512, 3, padding: 1);
        conv4_3 = nn.Conv2d(512, 512, 3, padding: 1);
        conv5_1 = nn.Conv2d(512, 512, 3, padding: 1);
        conv5_2 = nn.Conv2d(512, 512, 3, padding: 1);
        conv5_3 = nn.Conv2d(512, 512, 3, padding: 1);
        fc6 = nn.Conv2d(512, 4096, 7);
        fc7 = nn.Conv2d(4096, 4096, 1);
        (relu1_1, relu1_2, relu2_1, relu2_2) = (nn.ReLU(), nn.ReLU(), nn.ReLU(), nn.ReLU());
        (relu3_1, relu3_2, relu3_3) = (nn.ReLU(), nn.ReLU(), nn.ReLU());
        (relu4_1, relu4_2, relu4_3) = (nn.ReLU(), nn.ReLU(), nn.ReLU());
        (relu5_1, relu5_2, relu5_3) = (nn.ReLU(), nn.ReLU(), nn.ReLU());
        (relu6, relu7) = (nn.ReLU(), nn.ReLU());
        pool1 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool2 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool3 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool4 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool5 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        drop6 = nn.Dropout(0.5);
        drop7 = nn.Dropout(0.5);
        score_fr = nn.Conv2d(4096, classes, 1);
        score_pool3 = nn.Conv2d(256, classes, 1);
        score_pool4 = nn.Conv2d(512, classes, 1);
        upscore2 = nn.ConvTranspose2d(classes, classes, 4, stride: 2, bias: false);
        upscore8 = nn.ConvTranspose2d(classes, classes, 16, stride: 8, bias: false);
        upscore_pool4 = nn.ConvTranspose2d(classes, classes, 4, stride: 2, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        Tensor h = relu1_1.forward(conv1_1.forward(x));
        h = relu1_2.forward(conv1_2.forward(h));
        h = pool1.forward(h);

        h = relu2_1.forward(conv2_1.forward(h));
        h = relu2_2.forward(conv2_2.forward(h));
        h = pool2.forward(h);

        h = relu3_1.forward(conv3_1.forward(h));
        h = relu3_2.forward(conv3_2.forward(h));
        h = relu3_3.forward(conv3_3.forward(h));
        Tensor pool3Out = pool3.forward(h);

        h = relu4_1.forward(conv4_1.forward(pool3Out));
        h = relu4_2.forward(conv4_2.forward(h));
        h = relu4_3.forward(conv4_3.forward(h));
        Tensor pool4Out = pool4.forward(h);

        h = relu5_1.forward(conv5_1.forward(pool4Out));
        h = relu5_2.forward(conv5_2.forward(h));
        h = relu5_3.forward(conv5_3.forward(h));
        h = pool5.forward(h);

        h = drop6.forward(relu6.forward(fc6.forward(h)));
        h = drop7.forward(relu7.forward(fc7.forward(h)));

        h = score_fr.forward(h);
        Tensor up2 = upscore2.forward(h);                     // 1/16
        Tensor scorePool4 = score_pool4.forward(pool4Out);
        h = up2 + CropLike(scorePool4, up2, 5);
        Tensor upPool4 = upscore_pool4.forward(h);            // 1/8

        Tensor scorePool3 = score_pool3.forward(pool3Out);
        h = upPool4 + CropLike(scorePool3, upPool4, 9);
        h = upscore8.forward(h);
        return CropLike(h, x, 31);
    }

    /// <summary><c>x[:, :, o:o+H, o:o+W]</c> with H and W from <paramref name="reference"/>.</summary>
    private static Tensor CropLike(Tensor x, Tensor reference, long offset)
    {
        long height = reference.shape[2];
        long width = reference.shape[3];
        return x[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(offset, offset + height), TensorIndex.Slice(offset, offset + width)];
    }
}
