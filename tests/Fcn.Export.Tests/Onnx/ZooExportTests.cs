using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Export.Runtime;
using Fcn.Runtime;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// The zoo of the reference implementation (shelhamer/fcn.berkeleyvision.org: nyud-*, siftflow-*,
/// pascalcontext-*, all ten) exported from the
/// generated TorchSharp models with seeded random values in every parameter and buffer, run in ONNX Runtime with one graph input per spec input (fed by name) at two
/// odd sizes, the second a batch of two: every named output agrees with the TorchSharp model's to
/// max |diff| &lt;= 1e-4 * max |ref| + 1e-6. The models keep the spec's class counts (NYUD 40,
/// PASCAL-Context 60, SIFT Flow sem 33 and geo 3), so each head's own count is exercised.
/// </summary>
/// <remarks>
/// All ten, as issue 10 asks of every example: between them NYUD's late fusion (two suffixed VGG16 streams on the
/// named inputs color and hha, a 0.5/0.5 weighted sum, 1 GB of weights), its early fusion (color and depth
/// concatenated before conv1_1_bgrd, 4 -> 64), SIFT Flow's two heads of their own class counts with their skips,
/// and PASCAL-Context's 60 classes. About three minutes on the 2-core CI machine.
/// In ExampleExportTests' collection, so xunit never runs them beside its VGG nets.
/// </remarks>
[Collection(LargeNetsCollection.Name)]
public sealed class ZooExportTests
{
    public static TheoryData<string> Zoo => new()
    {
        nameof(NyudFcn32sColor), nameof(NyudFcn32sHha), nameof(NyudFcn32sColorD), nameof(NyudFcn32sColorHha),
        nameof(SiftFlowFcn32s), nameof(SiftFlowFcn16s), nameof(SiftFlowFcn8s),
        nameof(PascalContextFcn32s), nameof(PascalContextFcn16s), nameof(PascalContextFcn8s),
    };

    [Theory]
    [MemberData(nameof(Zoo))]
    public void The_zoo_export_runs_in_onnx_runtime_as_the_generated_model_does(string name)
    {
        set_num_threads(2);
        using nn.Module model = Create(name);
        model.eval();
        SeededWeights.Fill(model, seed: 100 + name.Length);
        FcnModel ir = GeneratedModelSpec.Compile(((ISegmentationModel)model).Info);
        string path = Path.Combine(Path.GetTempPath(), "fcn-zoo-" + name + "-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            ModelOnnxExport.Save(model, path);
            using var session = OrtSession.Open(path);
            Assert.Equal(ir.InputNodes.Select(input => input.Name), session.InputNames);
            Assert.Equal(ir.Outputs.Select(output => output.Name), session.OutputNames);

            var random = new Random(11);
            foreach (var (batch, height, width) in Sizes(ir))
            {
                var inputs = new Dictionary<string, (float[] Data, long[] Shape)>(StringComparer.Ordinal);
                foreach (Node input in ir.InputNodes)
                {
                    long[] shape = { batch, input.Analysis.Channels.Fixed, height, width };
                    inputs[input.Name] = (Enumerable.Range(0, (int)(shape[0] * shape[1] * shape[2] * shape[3])).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), shape);
                }

                Compare(model, ir, inputs, OrtSession.Run(session, inputs));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Zoo_metadata_names_each_input_and_each_heads_class_count()
    {
        using var siftFlow = new SiftFlowFcn32s();
        Dictionary<string, string> heads = ModelOnnxExport.Build(siftFlow).MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("sem,geo", heads["fcn.outputs"]);
        Assert.Equal("33", heads["fcn.output.sem.classes"]);
        Assert.Equal("3", heads["fcn.output.geo.classes"]);
        Assert.Equal("33", heads["fcn.classes"]);

        using var fusion = new NyudFcn32sColorD();
        var normalization = new InputNormalization("nyud-color", true, 1, new[] { 116.190, 97.203, 92.318 }, new[] { 1.0, 1, 1 });
        ModelProto proto = ModelOnnxExport.Build(fusion, new OnnxExportOptions(InputNormalizations: new Dictionary<string, InputNormalization> { ["color"] = normalization }));
        Dictionary<string, string> inputs = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("color,depth", inputs["fcn.inputs"]);
        Assert.Equal("3", inputs["fcn.input.color.channels"]);
        Assert.Equal("1", inputs["fcn.input.depth.channels"]);
        Assert.Equal("nyud-color", inputs["fcn.input.color.normalization"]);
        Assert.Equal("116.19,97.203,92.318", inputs["fcn.input.color.normalization.mean"]);
        Assert.False(inputs.ContainsKey("fcn.input.depth.normalization"));
        Assert.Equal("40", inputs["fcn.output.out.classes"]);
        Assert.Equal(new[] { "color", "depth" }, proto.Graph.Input.Select(input => input.Name));
        Assert.Equal(new long[] { 3, 1 }, proto.Graph.Input.Select(input => input.Type.TensorType.Shape.Dim[1].DimValue));
        // Early fusion: the two inputs concatenated into 'data' before conv1_1_bgrd (4 -> 64).
        // (depth cropped onto color at offset 0 first, as the generated module and Caffe's Crop do for every fused input but the first.)
        NodeProto concat = proto.Graph.Node.Single(node => node.OpType == "Concat" && node.Output[0] == "data");
        Assert.Equal("color", concat.Input[0]);
        Assert.Equal("depth", proto.Graph.Node.Single(node => node.Output[0] == concat.Input[1]).Input[0]);
        Assert.Equal(new long[] { 64, 4, 3, 3 }, proto.Graph.Initializer.Single(i => i.Name == "conv1_1_bgrd.weight").Dims);
    }

    [Fact]
    public void Late_fusion_averages_the_two_streams_scores_with_mul_and_add()
    {
        using var model = new NyudFcn32sColorHha();
        ModelProto proto = ModelOnnxExport.Build(model);
        NodeProto fused = proto.Graph.Node.Single(node => node.Output[0] == "score_fused");
        Assert.Equal("Add", fused.OpType);
        NodeProto[] terms = fused.Input.Select(input => proto.Graph.Node.Single(node => node.Output[0] == input)).ToArray();
        Assert.All(terms, term => Assert.Equal("Mul", term.OpType));
        // The second term is score_frhha cropped onto score_frcolor (offset 0), as every fused input but the first.
        Assert.Equal("score_frcolor", terms[0].Input[0]);
        Assert.Equal("score_frhha", proto.Graph.Node.Single(node => node.Output[0] == terms[1].Input[0]).Input[0]);
        float[] factors = terms.Select(term => proto.Graph.Node.Single(node => node.Output[0] == term.Input[1]).Attribute.Single().T.FloatData.Single()).ToArray();
        Assert.Equal(new[] { 0.5f, 0.5f }, factors);
        Assert.Contains("conv1_1color.weight", proto.Graph.Initializer.Select(i => i.Name));
        Assert.Contains("conv1_1hha.weight", proto.Graph.Initializer.Select(i => i.Name));
    }

    private static void Compare(nn.Module model, FcnModel ir, Dictionary<string, (float[] Data, long[] Shape)> inputs, Dictionary<string, OrtSession.Output> exported)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        // The generated ForwardOutputs takes the inputs concatenated along the channels, in declaration order.
        Tensor stacked = cat(ir.InputNodes.Select(input => tensor(inputs[input.Name].Data, inputs[input.Name].Shape)).ToList(), 1);
        IReadOnlyList<Tensor> reference = ((ISegmentationModel)model).ForwardOutputs(stacked);
        Assert.Equal(ir.Outputs.Count, exported.Count);
        for (int i = 0; i < ir.Outputs.Count; i++)
        {
            string name = ir.Outputs[i].Name;
            OrtSession.Output onnx = exported[name];
            Assert.Equal(reference[i].shape, onnx.Shape);
            float[] expected = reference[i].contiguous().data<float>().ToArray();
            double largest = expected.Max(v => Math.Abs((double)v));
            double worst = expected.Zip(onnx.Data, (a, b) => Math.Abs((double)a - b)).Max();
            Assert.True(largest > 0, $"{name} is all zeros: the comparison would prove nothing.");
            double tolerance = 1e-4 * largest + 1e-6;
            Assert.True(worst <= tolerance, $"{ir.TypeName}.{name} at batch {stacked.shape[0]}, {stacked.shape[2]}x{stacked.shape[3]}: max |diff| {worst:G4} > {tolerance:G4} (max |ref| {largest:G4}).");
        }
    }

    /// <summary>Two odd, non-square sizes that are no multiple of the stride, the second a batch of two (as in ExampleExportTests).</summary>
    private static (long Batch, long Height, long Width)[] Sizes(FcnModel model)
    {
        long smallest = Math.Max(ShapeInference.SmallestValidInput(model) ?? 1, 29);
        return new[] { (1L, smallest + 4 | 1, smallest + 18 | 1), (2L, smallest | 1, smallest + 10 | 1) };
    }

    /// <summary>At the spec's class counts (NYUD 40, PASCAL-Context 60, SIFT Flow 33 and 3).</summary>
    private static nn.Module Create(string name) => name switch
    {
        nameof(NyudFcn32sColor) => new NyudFcn32sColor(),
        nameof(NyudFcn32sHha) => new NyudFcn32sHha(),
        nameof(NyudFcn32sColorD) => new NyudFcn32sColorD(),
        nameof(NyudFcn32sColorHha) => new NyudFcn32sColorHha(),
        nameof(SiftFlowFcn32s) => new SiftFlowFcn32s(),
        nameof(SiftFlowFcn16s) => new SiftFlowFcn16s(),
        nameof(SiftFlowFcn8s) => new SiftFlowFcn8s(),
        nameof(PascalContextFcn32s) => new PascalContextFcn32s(),
        nameof(PascalContextFcn16s) => new PascalContextFcn16s(),
        nameof(PascalContextFcn8s) => new PascalContextFcn8s(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a zoo model."),
    };
}
