namespace Fcn.Cli.Tests.Support;

/// <summary>Hand-written specs small enough that every number about them can be worked out by hand.</summary>
internal static class SmallSpecs
{
    /// <summary>
    /// One 3x3 convolution (3 -> 8 channels, pad 1) and a 1x1 score layer (8 -> 2 classes): every size is
    /// kept, and parameters, FLOPs and shapes are a few multiplications (see the tests).
    /// </summary>
    public const string Small = """
        model: Small
        classes: 2
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
          taps: [conv1]
        head:
          - { name: score, op: score, from: conv1 }
        outputs:
          out: score
        """;

    /// <summary><see cref="Small"/> with a head node no output reads (warning FCN1001 on line 9, column 13).</summary>
    public const string WithUnusedNode = """
        model: Small
        classes: 2
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
          taps: [conv1]
        head:
          - { name: score, op: score, from: conv1 }
          - { name: extra, op: score, from: conv1 }
        outputs:
          out: score
        """;

    /// <summary>A catalogue name with a typo on line 3 (error FCN0101 at column 11, after "backbone: ").</summary>
    public const string UnknownBackbone = """
        model: Broken
        classes: 21
        backbone: vgg17
        head:
          - { name: score_fr, op: score, from: fc7 }
        outputs:
          out: score_fr
        """;
}
