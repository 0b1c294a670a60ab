using System.Linq;
using System.Text;

namespace Fcn.Cli.Graph;

/// <summary>Writes a <see cref="GraphDrawing"/> in Graphviz's DOT language (top to bottom, rounded boxes).</summary>
internal static class DotWriter
{
    public static string Write(GraphDrawing graph)
    {
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote(graph.Name)).Append(" {\n");
        dot.Append("  rankdir=TB;\n");
        dot.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6fb\", fontname=\"Helvetica\", fontsize=10];\n");
        dot.Append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        foreach (GraphBox box in graph.Boxes)
        {
            dot.Append("  ").Append(Quote(box.Id)).Append(" [label=").Append(Quote(string.Join("\n", box.Lines)));
            dot.Append(box.Kind switch
            {
                BoxKind.Input => ", shape=ellipse, fillcolor=\"#e3f1e3\"",
                BoxKind.Stage => ", fillcolor=\"#dfe7f7\"",
                BoxKind.Head => ", fillcolor=\"#fbeede\"",
                BoxKind.Output => ", shape=ellipse, fillcolor=\"#e3f1e3\"",
                _ => "",
            });
            dot.Append("];\n");
        }

        foreach (GraphEdge edge in graph.Edges)
        {
            dot.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To));
            var attributes = new[]
            {
                edge.Label is null ? null : "label=" + Quote(edge.Label),
                edge.IsReference ? "style=dashed" : null,
            }.Where(attribute => attribute is not null).ToList();
            if (attributes.Count > 0) dot.Append(" [").Append(string.Join(", ", attributes)).Append(']');
            dot.Append(";\n");
        }

        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>A DOT string: quotes and backslashes escaped, line breaks as DOT's centred <c>\n</c>.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
