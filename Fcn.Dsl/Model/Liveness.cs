using System;
using System.Collections.Generic;

namespace Fcn.Dsl.Model;

/// <summary>
/// Which nodes the outputs depend on: the outputs' nodes and, transitively, their
/// <see cref="Node.Dependencies"/> (inputs and size references). Only these are computed by a backend;
/// the compiler warns about the others (FCN1001, FCN1002). This is the one reachability rule of the project:
/// <see cref="FcnModel.LiveNodes"/> and the compiler's warnings both use it.
/// </summary>
public static class Liveness
{
    /// <summary>The names of the nodes reachable from <paramref name="roots"/> through <paramref name="nodes"/>' dependencies.</summary>
    public static HashSet<string> Of(IEnumerable<Node> nodes, IEnumerable<string> roots)
    {
        if (nodes is null) throw new ArgumentNullException(nameof(nodes));
        if (roots is null) throw new ArgumentNullException(nameof(roots));
        var byName = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (Node node in nodes) byName[node.Name] = node;

        var live = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (!byName.TryGetValue(name, out Node? node) || !live.Add(name)) continue;
            foreach (string dependency in node.Dependencies) pending.Push(dependency);
        }
        return live;
    }
}
