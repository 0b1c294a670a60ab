using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Fcn.Dsl.Tests.Fuzz;
using Fcn.Export.Onnx;
using Xunit;
using Xunit.Abstractions;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// Every model that the generator's fuzz corpus (the same seed and count as its robustness test)
/// compiles to exports and runs in ONNX Runtime, with seeded random weights, at the smallest input
/// its spec accepts plus a few odd pixels; each output has the size the Dsl's shape inference (an
/// independent computation) predicts, and onnx.checker passes on those under 200 MB of weights. Models of the same structure as an example or as one already run (names and comments aside) run once.
/// </summary>
public sealed class FuzzCorpusExportTests
{
    /// <summary>As Fcn.Generator.Tests' RobustnessTests.</summary>
    private const int Seed = 20150607;
    private const int Specs = 400;
    private const long CheckedBelowBytes = 200_000_000;

    private readonly ITestOutputHelper output;

    public FuzzCorpusExportTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Every_model_the_fuzz_corpus_compiles_to_exports_and_runs()
    {
        IReadOnlyList<SpecFile> examples = Directory.GetFiles(ExamplesDirectory(), "*.fcn.yaml").OrderBy(p => p, StringComparer.Ordinal)
            .Select(path => SpecCompiler.Parse(path, File.ReadAllText(path))).ToList();
        var seen = SpecCompiler.Compile(examples, SpecOptions.Default).Models.Select(Structure).ToHashSet();
        int index = 0, exported = 0;
        long weightBytes = 0;
        foreach (string text in SpecCorpus.Generate(Seed, Specs))
        {
            string name = "spec" + index++ + ".fcn.yaml";
            SpecCompilation compilation = SpecCompiler.Compile(examples.Append(SpecCompiler.Parse("/fuzz/" + name, text)).ToList(), SpecOptions.Default);
            foreach (FcnModel model in compilation.Models.Where(model => model.SpecFile == name))
            {
                if (!seen.Add(Structure(model))) continue;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                long bytes = ExportAndRun(model, name);
                weightBytes += bytes;
                output.WriteLine($"{name}: {model.TypeName}, {bytes / 1e6:F0} MB of weights, {watch.Elapsed.TotalSeconds:F1} s");
                exported++;
            }
        }

        output.WriteLine($"{exported} distinct models exported and run; {weightBytes / 1e6:F0} MB of weights.");
        // 5 distinct structures at this seed (3 of them VGG16-sized): fewer means the corpus no longer reaches the exporter.
        Assert.True(exported >= 3, $"Only {exported} new models compiled from the corpus.");
    }

    private static long ExportAndRun(FcnModel model, string name)
    {
        Dictionary<string, WeightTensor> weights = SeededWeights.For(OnnxExport.RequiredWeights(model), seed: model.Nodes.Count);
        string path = Path.Combine(Path.GetTempPath(), "fcn-fuzz-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            OnnxExport.Save(model, weights, path);
            int smallest = ShapeInference.SmallestValidInput(model) ?? 0;
            if (smallest > 0)
            {
                int height = smallest + 2 | 1, width = smallest + 6 | 1;
                long[] shape = { 1, model.InputChannels, height, width };
                var input = new float[shape.Aggregate(1L, (a, b) => a * b)];
                var random = new Random(3);
                for (int i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
                ShapeInferenceResult expected = ShapeInference.Infer(model, height, width);
                using var session = OrtSession.Open(path);
                Dictionary<string, OrtSession.Output> outputs = OrtSession.Run(session, input, shape);
                foreach (ModelOutput modelOutput in model.Outputs)
                {
                    SpatialSize size = expected.SizeOf(modelOutput.Node);
                    long channels = model.Nodes.First(node => node.Name == modelOutput.Node).Analysis.Channels.Evaluate(model.Classes);
                    Assert.True(new[] { 1, channels, size.Height, size.Width }.SequenceEqual(outputs[modelOutput.Name].Shape),
                        $"{name} ({model.TypeName}) output {modelOutput.Name} at {height}x{width}: ONNX Runtime gives [{string.Join(", ", outputs[modelOutput.Name].Shape)}], the shape inference {size}.");
                    Assert.All(outputs[modelOutput.Name].Data, value => Assert.True(float.IsFinite(value)));
                }
            }

            // The VGG16-sized ones (540 MB, ~10 s per full check here) are the examples' family, checked there.
            if (weights.Values.Sum(weight => 4L * weight.Data.Length) < CheckedBelowBytes && OnnxChecker.IsAvailable) OnnxChecker.Check(path);
        }
        finally
        {
            File.Delete(path);
        }

        return weights.Values.Sum(weight => 4L * weight.Data.Length);
    }

    /// <summary>The model without its names and prose: equal structures export to equal graphs.</summary>
    private static FcnModel Structure(FcnModel model) => model with
    {
        TypeName = "", Namespace = null, Description = null, SpecFile = "", CanonicalSpec = "",
        Nodes = model.Nodes.Select(node => node with { Documentation = null }).ToEquatableArray(),
        Parameters = model.Parameters.Select(parameter => parameter with { Description = null }).ToEquatableArray(),
    };

    private static string ExamplesDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "FcnDsl.sln"))) return Path.Combine(directory.FullName, "examples", "specs");
        throw new DirectoryNotFoundException("The repository root (FcnDsl.sln) is not above " + AppContext.BaseDirectory);
    }
}
