using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>torchvision's <c>FCNHead</c>, with the same child names so its checkpoints load by key.</summary>
public static class FcnHead
{
    /// <summary>
    /// conv 3x3 (no bias) <paramref name="inChannels"/> -> <paramref name="channels"/>, BatchNorm, ReLU,
    /// Dropout(<paramref name="dropout"/>), conv 1x1 (with bias) -> <paramref name="classes"/>; children named
    /// "0".."4" so keys read <c>classifier.0.weight</c>, <c>classifier.1.running_mean</c>, <c>classifier.4.bias</c>.
    /// The convolutions are <see cref="Convolution2d"/>s (torch.nn.Conv2d's parameters, keys and initialization),
    /// so the 3x3 one picks its memory layout in inference (<see cref="MemoryLayout.Automatic"/>): over 2048 channels
    /// it measured faster NCHW than channels-last on this project's machine (<c>Fcn.Benchmarks layout</c>).
    /// </summary>
    public static Sequential Create(long inChannels, long channels, long classes, double dropout) =>
        nn.Sequential(
            ("0", new Convolution2d(inChannels, channels, 3, padding: 1, bias: false)),
            ("1", nn.BatchNorm2d(channels)),
            ("2", nn.ReLU()),
            ("3", nn.Dropout(dropout)),
            ("4", new Convolution2d(channels, classes, 1)));
}
