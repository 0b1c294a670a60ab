using System.Collections.Generic;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Support;

/// <summary>Comparisons of float32 results with reference outputs.</summary>
internal static class TensorAssert
{
    /// <summary>
    /// The conformance tolerance: max |actual - expected| &lt;= 1e-4 * max |expected| + 1e-7. Float32
    /// convolutions summed in a different order (libtorch 2.10 here, 1.13 for the reference) differ by
    /// about 1e-6 of the output's scale after 16 layers; 1e-4 leaves room for that and nothing more.
    /// </summary>
    public static void Conforms(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        Tensor actualOnCpu = actual.detach().cpu();
        double scale = expected.abs().max().item<float>();
        double difference = (actualOnCpu - expected).abs().max().item<float>();
        double tolerance = 1e-4 * scale + 1e-7;
        Assert.True(difference <= tolerance,
            $"{what}: max abs difference {difference:G4} exceeds {tolerance:G4} (max |reference| {scale:G4}).");
    }

    /// <summary>Element-wise equality within <paramref name="tolerance"/>, with a readable failure.</summary>
    public static void Close(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        double difference = (actual.detach().cpu().to_type(ScalarType.Float64) - expected.cpu().to_type(ScalarType.Float64)).abs().max().item<double>();
        Assert.True(difference <= tolerance, $"{what}: max abs difference {difference:G4} exceeds {tolerance:G4}.");
    }

    public static IReadOnlyList<long> Shape(Tensor tensor) => tensor.shape.ToArray();
}
