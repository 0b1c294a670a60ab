using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Generator.Emission;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// The generator's three steps on one spec, without Roslyn around them: parse (YAML to syntax),
/// validate (resolve, check and analyse: <see cref="SpecCompiler.Compile"/>), emit (model to C#),
/// and all three in a row. A spec that extends others is validated together with its bases (the
/// compiler needs them), so FCN-8s's validate step builds the FCN-32s and FCN-16s models as well.
/// </summary>
public class SpecPipelineBenchmarks
{
    private static readonly SpecOptions Options = new("Bench.Models");

    private IReadOnlyList<SpecText> chain = Array.Empty<SpecText>();
    private SpecFile[] parsedChain = Array.Empty<SpecFile>();
    private FcnModel? model;

    /// <summary>The file name of an example spec, or of the synthetic 193-node spec.</summary>
    [ParamsSource(nameof(SpecNames))]
    public string Spec { get; set; } = "";

    public static IEnumerable<string> SpecNames => ExampleSpecs.All.Select(spec => spec.FileName).Append(SyntheticSpec.FileName);

    /// <summary>The spec, its bases, and its model, as one case of the table.</summary>
    public static (IReadOnlyList<SpecText> Chain, FcnModel Model) Prepare(string spec)
    {
        IReadOnlyList<SpecText> chain = spec == SyntheticSpec.FileName
            ? new[] { SyntheticSpec.Create() }
            : ExampleSpecs.ChainOf(ExampleSpecs.All.Single(example => example.FileName == spec), ExampleSpecs.All);
        SpecCompilation compilation = SpecCompiler.Compile(chain.Select(file => SpecCompiler.Parse(file.Path, file.Text)).ToList(), Options);
        string modelName = chain[chain.Count - 1].ModelName;
        FcnModel model = compilation.Models.SingleOrDefault(candidate => candidate.TypeName == modelName)
            ?? throw new InvalidOperationException($"{spec} did not compile:\n" + string.Join("\n", compilation.Diagnostics.Select(d => d.ToString())));
        return (chain, model);
    }

    [GlobalSetup]
    public void Setup()
    {
        (chain, model) = Prepare(Spec);
        parsedChain = chain.Select(file => SpecCompiler.Parse(file.Path, file.Text)).ToArray();
    }

    [Benchmark]
    public SpecFile Parse()
    {
        SpecText spec = chain[chain.Count - 1];
        return SpecCompiler.Parse(spec.Path, spec.Text);
    }

    [Benchmark]
    public SpecCompilation Validate() => SpecCompiler.Compile(parsedChain, Options);

    [Benchmark]
    public string Emit() => ModelEmitter.Emit(model!);

    /// <summary>What the generator does for a spec from scratch: parse it (and its bases), validate, emit its class.</summary>
    [Benchmark]
    public string ParseValidateEmit()
    {
        var files = new SpecFile[chain.Count];
        for (int i = 0; i < files.Length; i++) files[i] = SpecCompiler.Parse(chain[i].Path, chain[i].Text);
        SpecCompilation compilation = SpecCompiler.Compile(files, Options);
        string modelName = model!.TypeName;
        foreach (FcnModel candidate in compilation.Models)
            if (candidate.TypeName == modelName) return ModelEmitter.Emit(candidate);
        throw new InvalidOperationException(modelName + " vanished.");
    }
}
