using Fcn.Dsl.Model;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Models built without the YAML front end, one per language feature the emitter handles, so the
/// emitter can be tested on its own.
/// </summary>
internal static class HandBuiltModels
{
    /// <summary>
    /// A tiny FCN-8s like examples/specs/tiny-fcn8s.fcn.yaml: written-out layers, a <c>$dropout</c> parameter, two
    /// skip fusions and the final crop. It keeps the spec's earlier pad 16 and 3x3 fc6 (the spec now has pad 40
    /// and a 5x5 fc6): the emitter does not care, and its snapshot stays put.
    /// </summary>
    public static FcnModel TinyFcn8s()
    {
        var builder = new ModelBuilder("TinyFcn8s", classes: 4)
            .Describe("A CPU-sized FCN-8s written out layer by layer.")
            .Parameter("dropout", 0.1, "Dropout probability after fc6 and fc7.")
            .Conv("conv1_1", 16, 3, pad: 16).Relu("relu1_1").MaxPool("pool1", 2, 2)
            .Conv("conv2_1", 32, 3, pad: 1).Relu("relu2_1").MaxPool("pool2", 2, 2);
        for (int i = 3; i <= 5; i++)
            builder.Conv("conv" + i + "_1", 64, 3, pad: 1).Relu("relu" + i + "_1").MaxPool("pool" + i, 2, 2);
        return builder
            .Conv("fc6", 128, 3).Relu("relu6").Dropout("drop6", new ScalarValue(0.1, "dropout"))
            .Conv("fc7", 128, 1).Relu("relu7").Dropout("drop7", new ScalarValue(0.1, "dropout"))
            .Head()
            .Score("score_fr", from: "drop7")
            .Upsample("upscore2", 2)
            .Score("score_pool4", from: "pool4")
            .Sum("fuse_pool4", "upscore2", "score_pool4")
            .Upsample("upscore_pool4", 2)
            .Score("score_pool3", from: "pool3")
            .Sum("fuse_pool3", "upscore_pool4", "score_pool3")
            .Upsample("upscore8", 8)
            .Crop("score", "upscore8")
            .Output("out", "score")
            .Build();
    }

    /// <summary>torchvision's FCN layout: a dilated ResNet trunk, FCN heads on two taps, bilinear resizes, an auxiliary output.</summary>
    public static FcnModel ResNetWithAuxiliary() => new ModelBuilder("ResNetWithAux", classes: 21)
        .Describe("FCN-ResNet50 as in torchvision, with the auxiliary classifier.")
        .ResNet("backbone", 50, false, true, true)
        .Tap("layer3", "backbone")
        .Tap("layer4", "backbone")
        .Head()
        .FcnHead("classifier", 512, "layer4")
        .Resize("out_resized", "classifier")
        .FcnHead("aux_classifier", 256, "layer3")
        .Resize("aux_resized", "aux_classifier")
        .Output("out", "out_resized")
        .Output("aux", "aux_resized")
        .Build();

    /// <summary>
    /// The remaining operations: a <c>$skip</c> scale (kept in a field for forward), a concatenation
    /// (channels <c>2 * classes</c>), batch norm, LRN, a fixed upsampling and a resize. Compiled from YAML
    /// rather than built node by node, so it passes the validation a real spec does: the concatenation
    /// crops the larger <c>up2</c> to <c>score1</c> at a valid offset, and node names that would collide
    /// with the class's members (FCN0108) cannot occur.
    /// </summary>
    public static FcnModel Features() => CompiledSpecs.Single("/tests/feature-tour.fcn.yaml", FeatureTourSpec);

    private const string FeatureTourSpec = """
        model: FeatureTour
        classes: 3
        input_channels: 1
        parameters:
          skip: { default: 0.01 }
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: bn1, op: batchnorm }
            - { name: relu1, op: relu }
            - { name: norm1, op: lrn, size: 5 }
            - { name: pool1, op: maxpool, kernel: 2, ceil: false }
            - { name: conv2, op: conv, out: 8, kernel: 3, pad: 1 }
            - { name: relu2, op: relu }
            - { name: pool2, op: maxpool, kernel: 2, ceil: false }
        head:
          - { name: score2, op: score, from: pool2 }
          - { name: up2, op: upsample, from: score2, factor: 2, learnable: false }
          - { name: scaled1, op: scale, from: pool1, factor: $skip }
          - { name: score1, op: score, from: scaled1 }
          - { name: both, op: concat, inputs: [score1, up2] }
          - { name: mix, op: conv, from: both, out: 3, kernel: 1, init: kaiming }
          - { name: score, op: resize, from: mix, to: input }
        outputs:
          out: score
        """;
}
