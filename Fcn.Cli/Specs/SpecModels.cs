using System.Collections.Generic;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Specs;

/// <summary>
/// The models of one spec file, compiled with the other specs of its folder so that <c>extends:</c>
/// resolves. Shared by the commands that look at one spec (summary, graph).
/// </summary>
internal static class SpecModels
{
    /// <summary>
    /// Compiles <paramref name="spec"/> with its siblings and returns its models (just <paramref name="modelName"/>
    /// when given). The spec's own diagnostics go to <paramref name="terminal"/>'s error stream.
    /// </summary>
    /// <exception cref="UserError">The spec has errors, declares no model, or not the one asked for.</exception>
    public static IReadOnlyList<FcnModel> Load(Terminal terminal, string spec, string? modelName)
    {
        SpecBuild build = SpecBuild.Compile(SpecPaths.WithSiblings(spec));
        List<SpecDiagnostic> own = build.DiagnosticsIn(spec).ToList();
        foreach (SpecDiagnostic diagnostic in own) terminal.Error.WriteLine(diagnostic.ToString());

        IReadOnlyList<FcnModel> models = build.ModelsFrom(spec);
        if (own.Any(diagnostic => diagnostic.IsError) || models.Count == 0)
        {
            // A broken parent in a sibling file also leaves this spec without a model: show why.
            foreach (SpecDiagnostic diagnostic in build.Diagnostics.Where(d => d.IsError && d.Location.Path != spec))
                terminal.Error.WriteLine(diagnostic.ToString());
            throw new UserError($"{spec}: the spec has errors (listed above); fix them, or run 'fcn check {spec}'.");
        }

        if (modelName is null) return models;

        FcnModel? chosen = models.FirstOrDefault(model => model.TypeName == modelName);
        if (chosen is null)
        {
            throw new UserError($"{spec}: declares no model '{modelName}'; it declares {string.Join(", ", models.Select(model => model.TypeName))}.");
        }

        return new[] { chosen };
    }
}
