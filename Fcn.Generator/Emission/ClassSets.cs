using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// The class counts a generated constructor takes: <c>classes</c> when some output or node uses the spec's
/// count, then one per output that declares its own (<c>classesSem</c>, <c>classesGeo</c>), in output order.
/// </summary>
internal static class ClassSets
{
    public static IReadOnlyList<string?> Of(FcnModel model)
    {
        var sets = new List<string?>();
        bool usesDefault = !model.ClassCounts.IsMultiTask
            || model.Outputs.Any(output => output.ClassSet is null)
            || model.Nodes.Any(node => node.Analysis.Channels.DependsOnClasses && node.Analysis.Channels.ClassSet is null);
        if (usesDefault) sets.Add(null);
        foreach (ModelOutput output in model.Outputs)
            if (output.ClassSet is { } set) sets.Add(set);
        return sets;
    }
}
