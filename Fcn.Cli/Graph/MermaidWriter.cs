using System.Text;

namespace Fcn.Cli.Graph;

/// <summary>Writes a <see cref="GraphDrawing"/> as a Mermaid flowchart (renders in GitHub Markdown).</summary>
internal static class MermaidWriter
{
    public static string Write(GraphDrawing graph)
    {
        var mermaid = new StringBuilder();
        mermaid.Append("---\ntitle: ").Append(graph.Name).Append("\n---\n");
        mermaid.Append("flowchart TD\n");
        foreach (GraphBox box in graph.Boxes)
        {
            string label = Quote(string.Join("<br/>", box.Lines));
            mermaid.Append("  ").Append(box.Id).Append(box.Kind is BoxKind.Input or BoxKind.Output
                ? "([" + label + "])"
                : "[" + label + "]");
            mermaid.Append('\n');
        }

        foreach (GraphEdge edge in graph.Edges)
        {
            mermaid.Append("  ").Append(edge.From).Append(edge.IsReference ? " -.->" : " -->");
            if (edge.Label is not null) mermaid.Append('|').Append(Quote(edge.Label)).Append('|');
            mermaid.Append(' ').Append(edge.To).Append('\n');
        }

        return mermaid.ToString();
    }

    /// <summary>A quoted Mermaid label; a double quote inside is written as its entity.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\"", "#quot;") + "\"";
}
