using System;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;
using Fcn.Runtime;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// The spec behind each generated model, recompiled from the canonical YAML that the generated class
/// carries (so the FLOP count describes exactly the code being timed, whatever the example files say now).
/// </summary>
public static class ModelSpecs
{
    public static FcnModelInfo Description(ModelKind kind) => kind switch
    {
        ModelKind.TinyFcn8s => TinyFcn8s.Description,
        ModelKind.Fcn8sVgg16 => Fcn8s.Description,
        ModelKind.FcnResNet50 => FcnResNet50.Description,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Floating-point operations of one forward pass of one image (a multiply-add counts 2).</summary>
    public static long Flops(ModelKind kind, int size)
    {
        FcnModelInfo description = Description(kind);
        SpecCompilation compilation = SpecCompiler.CompileText(description.SpecFile, description.Spec);
        FcnModel model = compilation.Models.SingleOrDefault()
            ?? throw new InvalidOperationException($"The canonical spec of {description.Name} did not compile: " + string.Join("; ", compilation.Diagnostics));
        return ModelCost.Flops(model, size, size);
    }
}
