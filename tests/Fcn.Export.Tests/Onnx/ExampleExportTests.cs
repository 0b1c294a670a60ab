using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Fcn.Export.Tests.Onnx.Specs;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// Every example spec (and Onnx/Specs/operator-tour.fcn.yaml, the operations and options the examples
/// leave out), exported from its generated TorchSharp model with seeded random values in every
/// parameter and buffer, gives in ONNX Runtime what the TorchSharp model gives: every output, at two
/// odd input sizes (one of them a batch of two, so the symbolic batch is exercised too), to
/// max |diff| &lt;= 1e-4 * max |ref| + 1e-6. The same file passes onnx.checker's full check (see CoveredByFcn8sAtOnce).
/// One class: the VGG nets hold 540 MB of weights each, so they run one after another.
/// </summary>
[Collection(LargeNetsCollection.Name)]
public sealed class ExampleExportTests
{
    private const int Classes = 5;
    private const double TourSkip = 0.25;


    public static TheoryData<string> Examples => new()
    {
        nameof(TinyFcn8s), nameof(Fcn32s), nameof(Fcn16s), nameof(Fcn8s), nameof(Fcn8sAtOnce), nameof(FcnAlexNet), nameof(FcnResNet50), nameof(FcnResNet101),
        nameof(OperatorTour),
    };

    /// <summary>
    /// onnx.checker's full check reads a 540 MB file for ~10 s here; these three VGG16 FCNs use a subset
    /// of FCN-8s at-once's operators (conv, relu, ceil-mode max pool, dropout, upsample, crop, sum), so
    /// that one is checked here with its weights, and each of them as a weightless twin by CheckerOnEveryExampleTests.
    /// </summary>
    private static readonly string[] CoveredByFcn8sAtOnce = { nameof(Fcn32s), nameof(Fcn16s), nameof(Fcn8s) };

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_export_runs_in_onnx_runtime_as_the_generated_model_does(string example)
    {
        set_num_threads(2);
        using nn.Module model = Create(example);
        model.eval();
        SeededWeights.Fill(model, seed: example.Length);
        string path = Path.Combine(Path.GetTempPath(), "fcn-export-" + example + "-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            // A spec parameter the model was built with is passed on; the default would be 0.5.
            ModelOnnxExport.Save(model, path, example == nameof(OperatorTour)
                ? new OnnxExportOptions(Parameters: new Dictionary<string, double> { ["skip"] = TourSkip })
                : null);
            using (var session = OrtSession.Open(path))
            {
                var random = new Random(7);
                foreach (var (batch, height, width) in Sizes(GeneratedModelSpec.Compile(((ISegmentationModel)model).Info)))
                {
                    long[] shape = { batch, 3, height, width };
                    float[] input = Enumerable.Range(0, (int)(batch * 3 * height * width)).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
                    Dictionary<string, OrtSession.Output> exported = OrtSession.Run(session, input, shape);
                    Compare(model, ((ISegmentationModel)model).Info.Outputs, input, shape, exported);
                }
            }

            if (!CoveredByFcn8sAtOnce.Contains(example) && OnnxChecker.IsAvailable) OnnxChecker.Check(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Compare(nn.Module model, IReadOnlyList<string> outputNames, float[] input, long[] shape, Dictionary<string, OrtSession.Output> exported)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        IReadOnlyList<Tensor> reference = ((ISegmentationModel)model).ForwardOutputs(tensor(input, shape));
        Assert.Equal(outputNames.Count, exported.Count);
        for (int i = 0; i < outputNames.Count; i++)
        {
            OrtSession.Output onnx = exported[outputNames[i]];
            Assert.Equal(reference[i].shape, onnx.Shape);
            float[] expected = reference[i].contiguous().data<float>().ToArray();
            double largest = expected.Max(v => Math.Abs((double)v));
            double worst = expected.Zip(onnx.Data, (a, b) => Math.Abs((double)a - b)).Max();
            Assert.True(largest > 0, $"{outputNames[i]} is all zeros: the comparison would prove nothing.");
            double tolerance = 1e-4 * largest + 1e-6;
            Assert.True(worst <= tolerance, $"{outputNames[i]} at [{string.Join(", ", shape)}]: max |diff| {worst:G4} > {tolerance:G4} (max |ref| {largest:G4}).");
        }
    }

    /// <summary>
    /// Two odd sizes at least as large as the smallest input the spec accepts (the Dsl's shape inference),
    /// the second a batch of two, neither square, neither a multiple of the output stride.
    /// </summary>
    private static (long Batch, long Height, long Width)[] Sizes(FcnModel model)
    {
        long smallest = Math.Max(ShapeInference.SmallestValidInput(model) ?? 1, 29);
        return new[] { (1L, smallest + 4 | 1, smallest + 18 | 1), (2L, smallest | 1, smallest + 10 | 1) };
    }

    private static nn.Module Create(string example) => example switch
    {
        nameof(TinyFcn8s) => new TinyFcn8s(Classes),
        nameof(Fcn32s) => new Fcn32s(Classes),
        nameof(Fcn16s) => new Fcn16s(Classes),
        nameof(Fcn8s) => new Fcn8s(Classes),
        nameof(Fcn8sAtOnce) => new Fcn8sAtOnce(Classes),
        nameof(FcnAlexNet) => new FcnAlexNet(Classes),
        nameof(FcnResNet50) => new FcnResNet50(Classes),
        nameof(FcnResNet101) => new FcnResNet101(Classes),
        nameof(OperatorTour) => new OperatorTour(Classes, skip: TourSkip),
        _ => throw new ArgumentOutOfRangeException(nameof(example), example, "Not an example model."),
    };
}
