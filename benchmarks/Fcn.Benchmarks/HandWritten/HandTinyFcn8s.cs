using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.HandWritten;

/// <summary>
/// examples/specs/tiny-fcn8s.fcn.yaml written by hand: five conv-relu-pool stages, fc6 (5x5) and fc7,
/// FCN-8s's skips from pool4 and pool3, learned bilinear upsampling, crops as slices.
/// </summary>
/// <remarks>
/// The crop offsets are worked out by hand with Caffe's coordinate maps (an output pixel x of a layer
/// sits at input pixel stride*x + offset): conv1_1 (pad 40) -39, then each 2x2 pool adds half its input
/// stride: pool3 -35.5 (stride 8), pool4 -31.5 (16), pool5 -23.5 (32); fc6 (5x5, no pad) adds 32*2: 40.5.
/// upscore2 (4x4, stride 2) adds 16*(0 - 1.5): 16.5, so score_pool4 is cropped at (16.5 + 31.5) / 16 = 3;
/// upscore_pool4 adds 8*(-1.5): 4.5, so score_pool3 at (4.5 + 35.5) / 8 = 5; upscore8 (16x16, stride 8)
/// adds 1*(-7.5): -3, so the final crop is at 3. The runtime benchmark checks that this module, given the
/// generated model's weights, computes the generated model's output, and says so if the spec has moved on.
/// </remarks>
public sealed class HandTinyFcn8s : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1_1, conv2_1, conv3_1, conv4_1, conv5_1, fc6, fc7;
    private readonly ReLU relu1_1, relu2_1, relu3_1, relu4_1, relu5_1, relu6, relu7;
    private readonly MaxPool2d pool1, pool2, pool3, pool4, pool5;
    private readonly Dropout drop6, drop7;
    private readonly Conv2d score_fr, score_pool4, score_pool3;
    private readonly ConvTranspose2d upscore2, upscore_pool4, upscore8;

    public HandTinyFcn8s(int classes) : base(nameof(HandTinyFcn8s))
    {
        conv1_1 = nn.Conv2d(3, 16, 3, padding: 40);
        conv2_1 = nn.Conv2d(16, 32, 3, padding: 1);
        conv3_1 = nn.Conv2d(32, 64, 3, padding: 1);
        conv4_1 = nn.Conv2d(64, 64, 3, padding: 1);
        conv5_1 = nn.Conv2d(64, 64, 3, padding: 1);
        fc6 = nn.Conv2d(64, 128, 5);
        fc7 = nn.Conv2d(128, 128, 1);
        (relu1_1, relu2_1, relu3_1, relu4_1, relu5_1, relu6, relu7) = (nn.ReLU(), nn.ReLU(), nn.ReLU(), nn.ReLU(), nn.ReLU(), nn.ReLU(), nn.ReLU());
        pool1 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool2 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool3 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool4 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        pool5 = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        drop6 = nn.Dropout(0.1);
        drop7 = nn.Dropout(0.1);
        score_fr = nn.Conv2d(128, classes, 1);
        score_pool4 = nn.Conv2d(64, classes, 1);
        score_pool3 = nn.Conv2d(64, classes, 1);
        upscore2 = nn.ConvTranspose2d(classes, classes, 4, stride: 2, bias: false);
        upscore_pool4 = nn.ConvTranspose2d(classes, classes, 4, stride: 2, bias: false);
        upscore8 = nn.ConvTranspose2d(classes, classes, 16, stride: 8, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        Tensor h = pool1.forward(relu1_1.forward(conv1_1.forward(x)));
        h = pool2.forward(relu2_1.forward(conv2_1.forward(h)));
        Tensor pool3Out = pool3.forward(relu3_1.forward(conv3_1.forward(h)));
        Tensor pool4Out = pool4.forward(relu4_1.forward(conv4_1.forward(pool3Out)));
        h = pool5.forward(relu5_1.forward(conv5_1.forward(pool4Out)));
        h = drop6.forward(relu6.forward(fc6.forward(h)));
        h = drop7.forward(relu7.forward(fc7.forward(h)));

        Tensor up2 = upscore2.forward(score_fr.forward(h));
        h = up2 + CropLike(score_pool4.forward(pool4Out), up2, 3);
        Tensor upPool4 = upscore_pool4.forward(h);
        h = upPool4 + CropLike(score_pool3.forward(pool3Out), upPool4, 5);
        return CropLike(upscore8.forward(h), x, 3);
    }

    /// <summary><c>x[:, :, o:o+H, o:o+W]</c> with H and W from <paramref name="reference"/>.</summary>
    private static Tensor CropLike(Tensor x, Tensor reference, long offset)
    {
        long height = reference.shape[2];
        long width = reference.shape[3];
        return x[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(offset, offset + height), TensorIndex.Slice(offset, offset + width)];
    }
}
