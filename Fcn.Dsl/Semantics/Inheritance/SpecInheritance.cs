using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Syntax;
using Fcn.Dsl.Syntax.Merging;

namespace Fcn.Dsl.Semantics.Inheritance;

/// <summary>
/// Resolves <c>extends:</c> (by <c>model</c> name, across all files) and variants into one merged
/// spec per unit, parents first, reporting unknown parents and cycles. A unit whose parent cannot be
/// resolved gets no spec, so one broken parent does not also flood its children with errors.
/// </summary>
internal sealed class SpecInheritance
{
    private readonly Dictionary<string, SpecUnit> unitsByModel = new();
    private readonly Dictionary<SpecUnit, MappingNode?> resolved = new();
    private readonly HashSet<SpecUnit> inProgress = new();
    private readonly List<SpecDiagnostic> diagnostics;

    public SpecInheritance(IEnumerable<SpecUnit> units, List<SpecDiagnostic> diagnostics)
    {
        this.diagnostics = diagnostics;
        foreach (SpecUnit unit in units)
            if (unit.ModelName is { } name && !unitsByModel.ContainsKey(name.Value)) unitsByModel[name.Value] = unit;
    }

    /// <summary>The unit's spec with all its ancestors merged in, or null when an ancestor is missing or cyclic.</summary>
    public MappingNode? Resolve(SpecUnit unit)
    {
        if (resolved.TryGetValue(unit, out MappingNode? done)) return done;
        if (unit.ParentName is null) return resolved[unit] = unit.Root;

        ScalarNode parentName = unit.ParentName;
        SpecUnit? parent = unit.VariantOf;
        if (parent is null && !unitsByModel.TryGetValue(parentName.Value, out parent))
        {
            diagnostics.Add(Diagnose.Error(DiagnosticIds.UnknownParent, parentName.Span,
                $"'{unit.DisplayName}' extends '{parentName.Value}', but no spec in this compilation has 'model: {parentName.Value}'.{Suggestions.DidYouMean(parentName.Value, unitsByModel.Keys)} Add that spec to the project, or fix the name."));
            return resolved[unit] = null;
        }
        if (parent == unit || inProgress.Contains(parent))
        {
            diagnostics.Add(Diagnose.Error(DiagnosticIds.ExtendsCycle, parentName.Span,
                $"'{unit.DisplayName}' extends '{parentName.Value}', which (directly or through its own parents) extends '{unit.DisplayName}' again. Break the cycle: one of them must not extend the other."));
            return resolved[unit] = null;
        }
        inProgress.Add(unit);
        MappingNode? parentSpec = Resolve(parent);
        inProgress.Remove(unit);
        if (resolved.TryGetValue(unit, out MappingNode? resolvedMeanwhile)) return resolvedMeanwhile;
        return resolved[unit] = parentSpec is null ? null : SpecMerger.Merge(parentSpec, unit.Root, diagnostics);
    }
}
