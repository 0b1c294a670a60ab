using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Tests.Shared;
using Onnx;
using Xunit;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// onnx.checker.check_model(path, full_check=True) (schema, types, strict shape inference) on the export
/// of every model of every example spec, the VGG16 nets and the zoo included, as a weightless twin
/// (<see cref="WeightlessTwin"/>): the graph is the one ExampleExportTests and ZooExportTests run in ONNX
/// Runtime; only the initializers' bytes live elsewhere. Skipped without python3-onnx, failed under CI=true.
/// </summary>
public sealed class CheckerOnEveryExampleTests
{
    private static readonly Lazy<IReadOnlyList<FcnModel>> Models = new(() =>
    {
        List<SpecFile> files = ExampleSpecs.All().Select(spec => SpecCompiler.Parse(spec.Path, spec.Text)).ToList();
        SpecCompilation compilation = SpecCompiler.Compile(files, SpecOptions.Default);
        Assert.DoesNotContain(compilation.Diagnostics, diagnostic => diagnostic.IsError);
        return compilation.Models.ToList();
    });

    public static IEnumerable<object[]> Specs() => ExampleSpecs.TheoryData();

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_export_of_every_example_passes_onnx_checker(string spec)
    {
        IReadOnlyList<FcnModel> models = Models.Value.Where(model => model.SpecFile == spec).ToList();
        Assert.NotEmpty(models);
        if (!OnnxChecker.IsAvailable) return;
        foreach (FcnModel model in models)
        {
            // Zeros of the right shapes (new float[] costs no time until written): the checker reads no values.
            Dictionary<string, WeightTensor> weights = OnnxExport.RequiredWeights(model)
                .ToDictionary(w => w.Key, w => new WeightTensor(w.Shape, new float[w.Shape.Aggregate(1L, (a, b) => a * b)]), StringComparer.Ordinal);
            ModelProto proto = OnnxExport.Build(model, weights);
            string directory = Path.Combine(Path.GetTempPath(), "fcn-checker-" + model.TypeName + "-" + Guid.NewGuid().ToString("N"));
            try
            {
                OnnxChecker.Check(WeightlessTwin.Write(proto, directory));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
