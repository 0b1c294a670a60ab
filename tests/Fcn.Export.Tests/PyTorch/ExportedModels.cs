using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using TorchSharp;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// The specs these tests export, read from the repository (the example specs, and Specs/every-op.fcn.yaml
/// for the operations the examples leave out), each with the TorchSharp class the generator made of it.
/// </summary>
internal static class ExportedModels
{
    /// <summary>Model name, the C# class built at its defaults, and an odd input size that the network accepts.</summary>
    public static IReadOnlyList<(string Name, Func<torch.nn.Module> Create, int Height, int Width)> All { get; } = new (string, Func<torch.nn.Module>, int, int)[]
    {
        ("TinyFcn8s", () => new TinyFcn8s(), 67, 61),
        ("Fcn32s", () => new Fcn32s(), 37, 29),
        ("Fcn16s", () => new Fcn16s(), 37, 29),
        ("Fcn8s", () => new Fcn8s(), 37, 29),
        ("Fcn8sAtOnce", () => new Fcn8sAtOnce(), 37, 29),
        ("FcnAlexNet", () => new FcnAlexNet(), 37, 29),
        ("FcnResNet50", () => new FcnResNet50(), 35, 49),
        ("FcnResNet101", () => new FcnResNet101(), 35, 49),
        ("EveryOpNet", () => new Specs.EveryOpNet(), 37, 41),
        // The reference zoo (examples/specs/nyud-*, siftflow-*, pascalcontext-*): VGG16 nets, 20-40 s each here, so
        // not all ten but one per construct the zoo adds. NyudFcn32sColorHha: two inputs taken by name, backbone
        // instances with suffixes, a weighted sum (0.5, 0.5). NyudFcn32sColorD: early fusion, its two inputs
        // concatenated before the first convolution. SiftFlowFcn8s: two outputs with their own class counts
        // (classes_sem, classes_geo). The others add nothing to export: NyudFcn32sColor and NyudFcn32sHha are
        // single-stream halves of NyudFcn32sColorHha (one named input); SiftFlowFcn32s/16s are SiftFlowFcn8s with
        // fewer skips; PascalContextFcn32s/16s/8s are Fcn32s/16s/8s (above) at 60 classes.
        ("NyudFcn32sColorHha", () => new NyudFcn32sColorHha(), 37, 29),
        ("NyudFcn32sColorD", () => new NyudFcn32sColorD(), 37, 29),
        ("SiftFlowFcn8s", () => new SiftFlowFcn8s(), 37, 29),
    };

    public static IEnumerable<object[]> Names => All.Select(model => new object[] { model.Name });

    public static (string Name, Func<torch.nn.Module> Create, int Height, int Width) Find(string name) => All.Single(model => model.Name == name);

    private static readonly Lazy<IReadOnlyList<FcnModel>> Compiled = new(Compile);

    /// <summary>The IR of <paramref name="name"/>, compiled from its spec as <c>fcn export</c> does.</summary>
    public static FcnModel Model(string name) => Compiled.Value.Single(model => model.TypeName == name);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ExampleSpecs => Path.Combine(RepositoryRoot, "examples", "specs");

    private static IReadOnlyList<FcnModel> Compile()
    {
        string own = Path.Combine(RepositoryRoot, "tests", "Fcn.Export.Tests", "PyTorch", "Specs");
        var files = Directory.GetFiles(ExampleSpecs, "*.fcn.yaml").Concat(Directory.GetFiles(own, "*.fcn.yaml"))
            .Select(path => SpecCompiler.Parse(path, File.ReadAllText(path)))
            .ToList();
        SpecCompilation compilation = SpecCompiler.Compile(files, SpecOptions.Default);
        if (compilation.Diagnostics.Any(diagnostic => diagnostic.IsError))
            throw new InvalidOperationException("The specs do not compile:\n" + string.Join("\n", compilation.Diagnostics));
        return compilation.Models.ToList();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (Directory.Exists(Path.Combine(folder.FullName, "examples", "specs"))) return folder.FullName;
        throw new DirectoryNotFoundException("examples/specs was not found above " + AppContext.BaseDirectory);
    }
}
