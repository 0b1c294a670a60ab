using Fcn.Runtime.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Weights;

/// <summary>
/// examples/specs/tiny-fcn8s.fcn.yaml written by hand with the runtime's layers, mirroring
/// make_fixtures.py's TinyFcn8s: the weight tests do not depend on the generator. Crop offsets 3, 5 and
/// 3 come from the coordinate maps (derivation in make_fixtures.py).
/// </summary>
internal sealed class TinyFcn8sByHand : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1_1, conv2_1, conv3_1, conv4_1, conv5_1, fc6, fc7;
    private readonly Conv2d score_fr;
    private readonly ConvTranspose2d upscore2;
    private readonly Conv2d score_pool4;
    private readonly ConvTranspose2d upscore_pool4;
    private readonly Conv2d score_pool3;
    private readonly ConvTranspose2d upscore8;
    private readonly MaxPool2d pool;
    private readonly ReLU relu;
    private readonly Dropout drop;

    public TinyFcn8sByHand(long classes = 4) : base(nameof(TinyFcn8sByHand))
    {
        conv1_1 = nn.Conv2d(3, 16, 3, padding: 40);
        conv2_1 = nn.Conv2d(16, 32, 3, padding: 1);
        conv3_1 = nn.Conv2d(32, 64, 3, padding: 1);
        conv4_1 = nn.Conv2d(64, 64, 3, padding: 1);
        conv5_1 = nn.Conv2d(64, 64, 3, padding: 1);
        fc6 = nn.Conv2d(64, 128, 5);
        fc7 = nn.Conv2d(128, 128, 1);
        score_fr = nn.Conv2d(128, classes, 1);
        upscore2 = Upsampling.Transposed(classes, 4, 2, 0, bias: false, learnable: true);
        score_pool4 = nn.Conv2d(64, classes, 1);
        upscore_pool4 = Upsampling.Transposed(classes, 4, 2, 0, bias: false, learnable: true);
        score_pool3 = nn.Conv2d(64, classes, 1);
        upscore8 = Upsampling.Transposed(classes, 16, 8, 0, bias: false, learnable: true);
        pool = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        relu = nn.ReLU();
        drop = nn.Dropout(0.1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor h = pool.forward(relu.forward(conv1_1.forward(input)));
        h = pool.forward(relu.forward(conv2_1.forward(h)));
        Tensor pool3 = pool.forward(relu.forward(conv3_1.forward(h)));
        Tensor pool4 = pool.forward(relu.forward(conv4_1.forward(pool3)));
        Tensor pool5 = pool.forward(relu.forward(conv5_1.forward(pool4)));
        Tensor fc7Out = drop.forward(relu.forward(fc7.forward(drop.forward(relu.forward(fc6.forward(pool5))))));
        Tensor up2 = upscore2.forward(score_fr.forward(fc7Out));
        Tensor fusePool4 = up2 + Crop.Like(score_pool4.forward(pool4), up2, 3);
        Tensor upPool4 = upscore_pool4.forward(fusePool4);
        Tensor fusePool3 = upPool4 + Crop.Like(score_pool3.forward(pool3), upPool4, 5);
        return Crop.Like(upscore8.forward(fusePool3), input, 3).MoveToOuterDisposeScope();
    }
}
