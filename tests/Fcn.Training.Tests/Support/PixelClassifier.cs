using System;
using System.Collections.Generic;
using Fcn.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Support;

/// <summary>
/// A hand-written stand-in for a generated FCN: conv (kernel k) -> ReLU -> dropout -> 1x1 score, a fixed
/// (requires_grad = false) 1x1 "calibration" on the scores, and optionally an auxiliary 1x1 head. Small
/// enough that a training step takes milliseconds; independent of the generator on purpose.
/// </summary>
internal sealed class PixelClassifier : nn.Module<Tensor, Tensor>, ISegmentationModel
{
    private readonly Conv2d conv1;
    private readonly Dropout drop1;
    private readonly Conv2d score;
    private readonly Conv2d calibration;
    private readonly Conv2d? aux;

    static PixelClassifier() => torch.set_num_threads(2);

    public PixelClassifier(int classes, int kernel = 3, bool withAux = false, double dropout = 0.1, long seed = 7)
        : base(nameof(PixelClassifier))
    {
        // Seeded so two instances start from identical weights.
        torch.random.manual_seed(seed);
        conv1 = nn.Conv2d(3, 8, kernel, padding: kernel / 2);
        drop1 = nn.Dropout(dropout);
        score = nn.Conv2d(8, classes, 1);
        calibration = nn.Conv2d(classes, classes, 1, bias: false);
        using (no_grad())
        {
            calibration.weight!.copy_(eye(classes).view(classes, classes, 1, 1));
        }

        calibration.weight!.requires_grad = false;
        aux = withAux ? nn.Conv2d(8, classes, 1) : null;
        RegisterComponents();
        Info = new FcnModelInfo(
            nameof(PixelClassifier), null, classes, 3, 0, 1, kernel, Array.Empty<FcnNodeInfo>(),
            withAux ? new[] { "out", "aux" } : new[] { "out" }, "test", "");
    }

    public FcnModelInfo Info { get; }

    public override Tensor forward(Tensor input) => ForwardOutputs(input)[0];

    public IReadOnlyList<Tensor> ForwardOutputs(Tensor input)
    {
        Tensor features = drop1.forward(nn.functional.relu(conv1.forward(input)));
        Tensor main = calibration.forward(score.forward(features));
        return aux is null ? new[] { main } : new[] { main, aux.forward(features) };
    }
}
