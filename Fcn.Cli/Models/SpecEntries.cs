using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Specs;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Models;

/// <summary>
/// <c>--spec FILE</c>: the built-in model a spec file declares. The tool compiles no C# at run time, so a spec
/// is usable when the tool was built from it (the example specs, the zoo included); the spec is compiled with
/// its folder and its resolved text must equal the built-in's, so an edited copy is refused rather than ignored.
/// </summary>
internal static class SpecEntries
{
    /// <exception cref="UserError">The spec has errors, declares several models and none was chosen, or is no built-in's.</exception>
    public static ModelEntry Find(Terminal terminal, string spec, string? modelName)
    {
        var models = SpecModels.Load(terminal, spec, modelName);
        if (models.Count > 1)
            throw new UserError($"{spec}: declares {string.Join(", ", models.Select(m => m.TypeName))}; choose one with --model.");

        FcnModel model = models[0];
        ModelEntry entry = BuiltInModels.Find(model.TypeName)
            ?? throw new UserError($"{spec}: {model.TypeName} is not built into fcn; add the spec to a project with the FcnDsl generator and pass its build output with --assembly <your.dll> --model {model.TypeName}.");
        if (entry.Info.Spec != model.CanonicalSpec)
            throw new UserError($"{spec}: differs from the {model.TypeName} built into fcn; to train your version, build it in a project with the FcnDsl generator and pass --assembly <your.dll> --model {model.TypeName}.");
        return entry;
    }
}
