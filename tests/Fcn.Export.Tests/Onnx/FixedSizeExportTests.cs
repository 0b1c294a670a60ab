using System;
using System.Linq;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Export.Tests.Onnx.Specs;
using Onnx;
using Xunit;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// <see cref="OnnxExportOptions.FixedSize"/>: the graph inputs get the given batch, height and width instead of
/// symbolic ones, and the file computes, at that size, exactly what the symbolic export computes.
/// </summary>
public sealed class FixedSizeExportTests
{
    [Fact]
    public void A_fixed_size_export_has_static_inputs_and_computes_what_the_symbolic_one_does()
    {
        using var model = new OperatorTour(3);
        model.eval();
        SeededWeights.Fill(model, seed: 21);
        ModelProto symbolic = ModelOnnxExport.Build(model);
        ModelProto fixedSize = ModelOnnxExport.Build(model, new OnnxExportOptions(FixedSize: new FixedInputSize(2, 41, 47)));

        Assert.Equal(new long[] { 2, 3, 41, 47 }, fixedSize.Graph.Input.Single().Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        Assert.All(fixedSize.Graph.Input.Single().Type.TensorType.Shape.Dim, d => Assert.Equal("", d.DimParam));
        var random = new Random(5);
        float[] input = Enumerable.Range(0, 2 * 3 * 41 * 47).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        long[] shape = { 2, 3, 41, 47 };
        float[] expected = Run(symbolic, input, shape), actual = Run(fixedSize, input, shape);
        Assert.Equal(expected.Length, actual.Length);
        double largest = expected.Max(v => Math.Abs((double)v));
        Assert.True(largest > 0);
        Assert.True(expected.Zip(actual, (a, b) => Math.Abs((double)a - b)).Max() <= 1e-5 * largest);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelOnnxExport.Build(model, new OnnxExportOptions(FixedSize: new FixedInputSize(0, 41, 47))));
    }

    private static float[] Run(ModelProto proto, float[] input, long[] shape)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fcn-fixed-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            OnnxExport.WriteAtomically(path, stream => Google.Protobuf.MessageExtensions.WriteTo(proto, stream));
            using var session = OrtSession.Open(path);
            return OrtSession.Run(session, input, shape)["out"].Data;
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
