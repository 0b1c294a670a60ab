using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Graph;

/// <summary>
/// Builds the drawing of a model. Collapsed, consecutive backbone layers become one box per stage
/// (a stage ends at each pooling layer, the VGG and AlexNet way of counting), and a ResNet's taps fold
/// into the trunk, their feature names moving onto the edges. Edges into a fusion carry the crop
/// offset of the input they bring, the numbers that make an FCN's skips line up.
/// </summary>
internal static class GraphBuilder
{
    public static GraphDrawing Build(FcnModel model, bool collapse)
    {
        var boxes = new List<GraphBox>();
        var owner = new Dictionary<string, string>();      // node name -> box id
        var tapFeature = new Dictionary<string, string>(); // folded tap -> its feature name

        var stage = new List<Node>();
        foreach (Node node in model.Nodes)
        {
            if (collapse && node.Operation is TapOperation tap && owner.TryGetValue(node.Inputs[0], out string? trunk))
            {
                owner[node.Name] = trunk;
                tapFeature[node.Name] = tap.Feature;
                continue;
            }

            if (collapse && IsStageLayer(node))
            {
                // A stage is one chain: the first layer of another backbone (a second stream) starts a new one.
                if (stage.Count > 0 && !node.Inputs.Contains(stage[stage.Count - 1].Name)) CloseStage(stage, boxes, owner, model.ClassCounts);
                stage.Add(node);
                if (node.Operation is PoolOperation) CloseStage(stage, boxes, owner, model.ClassCounts);
                continue;
            }

            CloseStage(stage, boxes, owner, model.ClassCounts);
            owner[node.Name] = Id(node.Name);
            boxes.Add(new GraphBox(Id(node.Name), NodeLines(node, model.ClassCounts), KindOf(node)));
        }

        CloseStage(stage, boxes, owner, model.ClassCounts);

        var edges = new List<GraphEdge>();
        foreach (Node node in model.Nodes)
        {
            string target = owner[node.Name];
            IReadOnlyList<int?> cropOffsets = node.CropOffsets;
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                string input = node.Inputs[i];
                string source = owner[input];
                if (source == target) continue; // inside one stage
                tapFeature.TryGetValue(input, out string? feature);
                string? crop = cropOffsets[i] is int offset ? "crop " + Invariant(offset) : null;
                AddOnce(edges, new GraphEdge(source, target, Join(feature, crop), IsReference: false));
            }

            string? reference = node.Operation.SizeReference;
            if (reference is not null && !node.Inputs.Contains(reference) && owner.TryGetValue(reference, out string? referenceBox))
                AddOnce(edges, new GraphEdge(referenceBox, target, "size", IsReference: true));
        }

        foreach (ModelOutput output in model.Outputs)
        {
            string id = "output_" + output.Name;
            // An output with its own class count (a task of a multi-task net) says how many it predicts.
            boxes.Add(new GraphBox(id, output.Classes is int own ? new[] { output.Name, Invariant(own) + " classes" } : new[] { output.Name }, BoxKind.Output));
            edges.Add(new GraphEdge(owner[output.Node], id, null, IsReference: false));
        }

        return new GraphDrawing(model.TypeName, boxes, edges);
    }

    /// <summary>Backbone layers fold into stages; the input, a ResNet trunk (already one box) and head nodes stay.</summary>
    private static bool IsStageLayer(Node node) =>
        node.Group == NodeGroup.Backbone && node.Operation is not (ResNetOperation or TapOperation or InputOperation);

    private static void CloseStage(List<Node> stage, List<GraphBox> boxes, Dictionary<string, string> owner, ClassCounts classes)
    {
        if (stage.Count == 0) return;
        Node first = stage[0], last = stage[stage.Count - 1];
        string id = "stage_" + last.Name;
        foreach (Node node in stage) owner[node.Name] = id;

        var lines = new List<string>();
        if (stage.Count == 1)
        {
            lines.AddRange(NodeLines(first, classes));
        }
        else
        {
            long parameters = stage.Sum(node => node.Analysis.Parameters);
            lines.Add(first.Name + " … " + last.Name);
            lines.Add(Invariant(stage.Count) + " layers · " + Details(last, classes));
            if (parameters > 0) lines.Add(parameters.ToString("N0", CultureInfo.InvariantCulture) + " params");
        }

        boxes.Add(new GraphBox(id, lines, stage.Count == 1 ? BoxKind.Backbone : BoxKind.Stage));
        stage.Clear();
    }

    private static IReadOnlyList<string> NodeLines(Node node, ClassCounts classes)
    {
        if (node.Operation is InputOperation input) return new[] { node.Name, Invariant(input.Channels) + " ch" };
        return new[] { node.Name, node.Operation.Label + " · " + Details(node, classes) };
    }

    private static string Details(Node node, ClassCounts classes) =>
        node.Analysis.Channels.Evaluate(classes).ToString(CultureInfo.InvariantCulture) + " ch · stride " + node.Analysis.Stride;

    private static BoxKind KindOf(Node node) => node.Group switch
    {
        NodeGroup.Input => BoxKind.Input,
        NodeGroup.Backbone => BoxKind.Backbone,
        _ => BoxKind.Head,
    };

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + ", " + second;

    private static void AddOnce(List<GraphEdge> edges, GraphEdge edge)
    {
        if (!edges.Contains(edge)) edges.Add(edge);
    }

    /// <summary>Node names are C# identifiers already; the prefix keeps them clear of DOT and Mermaid keywords.</summary>
    private static string Id(string name) => "n_" + name;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
