using System;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Runtime;

namespace Fcn.Export.Runtime;

/// <summary>
/// The IR of a generated model, recovered from what the generator embedded in it: the canonical spec
/// (extends and variants already applied) compiles on its own into the same <see cref="FcnModel"/>.
/// </summary>
public static class GeneratedModelSpec
{
    /// <exception cref="InvalidOperationException">The embedded spec does not compile (a generator from another version of the language).</exception>
    public static FcnModel Compile(FcnModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        SpecCompilation compilation = SpecCompiler.CompileText(info.SpecFile, info.Spec);
        FcnModel? model = compilation.Models.FirstOrDefault(candidate => candidate.TypeName == info.Name);
        if (model is null || compilation.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            string errors = string.Join("; ", compilation.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
            throw new InvalidOperationException($"{info.Name}: its embedded spec ({info.SpecFile}) does not compile with this Fcn.Dsl: {errors}");
        }

        return model;
    }
}
