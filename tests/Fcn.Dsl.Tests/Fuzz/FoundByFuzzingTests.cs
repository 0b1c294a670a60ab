using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Tests.Diagnostics;
using Xunit;

namespace Fcn.Dsl.Tests.Fuzz;

/// <summary>Specs the no-throw property test once found to reach FCN0000 (an internal error), kept as cases.</summary>
public sealed class FoundByFuzzingTests
{
    [Fact]
    public void A_catalogue_trunk_named_like_the_input_is_a_name_error_not_an_internal_error()
    {
        // CsCheck seed 1688YNjvBYz4 mutated fcn-resnet50.fcn.yaml into this: its ResNet trunk is named 'input', so
        // the taps' reads of 'input' found the image where they expect the trunk.
        const string spec = """
            model: FcnResNet50
            backbone:
              use: resnet50
              name: input
              output_stride: 8
            head:
              - { name: classifier, op: fcn_head, from: layer4 }
              - { name: out_resized, op: resize, from: classifier, to: input }
            outputs:
              out: out_resized
            """;
        var diagnostics = DiagnosticAssert.Compile(spec);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "FCN0000");
        Assert.Contains(diagnostics, diagnostic => diagnostic.Id == "FCN0108" && diagnostic.Message.Contains("name of the network's input"));
    }
}
