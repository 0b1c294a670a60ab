using System.Collections.Generic;

namespace Fcn.Cli.Graph;

/// <summary>
/// A model's graph as drawn: boxes (single nodes, or whole backbone stages when collapsed) and the
/// edges between them. Built once by <see cref="GraphBuilder"/>; each output format only writes it out.
/// </summary>
/// <param name="Name">The model's type name.</param>
/// <param name="Boxes">Boxes in the model's topological order.</param>
/// <param name="Edges">Edges in the order of the nodes they enter.</param>
internal sealed record GraphDrawing(string Name, IReadOnlyList<GraphBox> Boxes, IReadOnlyList<GraphEdge> Edges);

/// <summary>One box of the drawing.</summary>
/// <param name="Id">An identifier safe in DOT and Mermaid (letters, digits, underscores).</param>
/// <param name="Lines">The label, one entry per line: the name first, then details.</param>
/// <param name="Kind">How the box is styled.</param>
internal sealed record GraphBox(string Id, IReadOnlyList<string> Lines, BoxKind Kind);

/// <summary>An arrow: data flowing from one box to another.</summary>
/// <param name="From">The source box's id.</param>
/// <param name="To">The target box's id.</param>
/// <param name="Label">What happens on the way (<c>crop 5</c>, a tapped feature), or null.</param>
/// <param name="IsReference">True when only the source's size is used (the <c>to:</c> of a crop or resize): drawn dashed.</param>
internal sealed record GraphEdge(string From, string To, string? Label, bool IsReference);

/// <summary>What a box stands for.</summary>
internal enum BoxKind
{
    /// <summary>The input image.</summary>
    Input,
    /// <summary>One backbone node.</summary>
    Backbone,
    /// <summary>Several backbone nodes drawn as one stage.</summary>
    Stage,
    /// <summary>One head node.</summary>
    Head,
    /// <summary>A named output of the model.</summary>
    Output,
}
