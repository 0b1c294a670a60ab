using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Fcn.Cli.Graph;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Specs;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn graph &lt;spec&gt; [--model Name] [--format dot|mermaid|svg] [-o file] [--collapse true|false]</c>:
/// draws the node graph, with crop offsets on the edges into fusions.
/// </summary>
internal sealed class GraphCommand
{
    private readonly Argument<string> spec = new("spec") { Description = "The spec file (*.fcn.yaml); the other specs of its folder are compiled with it." };

    private readonly Option<string?> model = new("--model") { Description = "The model to draw, when the spec declares several." };

    private readonly Option<string?> format = new("--format") { Description = "dot, mermaid or svg (svg runs Graphviz's dot). Default: from -o's extension, else dot." };

    private readonly Option<string?> output = new("--output", "-o") { Description = "Write to this file instead of the standard output." };

    private readonly Option<bool?> collapse = new("--collapse")
    {
        Description = "Draw backbone layers as one box per stage (default: true for catalogue backbones, false for written-out layers).",
    };

    public Command Create(Terminal terminal)
    {
        var command = new Command("graph", "Draw a model's node graph as DOT, Mermaid or SVG.") { spec, model, format, output, collapse };
        command.SetAction(parse => Run(
            terminal, parse.GetValue(spec)!, parse.GetValue(model), parse.GetValue(format), parse.GetValue(output), parse.GetValue(collapse)));
        return command;
    }

    private static int Run(Terminal terminal, string spec, string? modelName, string? formatName, string? outputPath, bool? collapse)
    {
        GraphFormat format = GraphFormats.Choose(formatName, outputPath);
        IReadOnlyList<FcnModel> models = SpecModels.Load(terminal, spec, modelName);
        if (models.Count > 1)
        {
            throw new UserError($"{spec}: declares {models.Count} models ({string.Join(", ", models.Select(m => m.TypeName))}); pick one with --model.");
        }

        FcnModel chosen = models[0];
        GraphDrawing graph = GraphBuilder.Build(chosen, collapse ?? chosen.CatalogueBackbone is not null);
        string dot = DotWriter.Write(graph);
        string text = format switch
        {
            GraphFormat.Mermaid => MermaidWriter.Write(graph),
            GraphFormat.Svg => GraphvizRenderer.ToSvg(dot),
            _ => dot,
        };

        if (outputPath is null)
        {
            terminal.Out.Write(text);
            return ExitCodes.Success;
        }

        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(outputPath, text);
        }
        catch (IOException exception)
        {
            throw new UserError($"{outputPath}: cannot be written ({exception.Message}); choose another -o path.", exception);
        }

        terminal.Out.WriteLine($"Wrote {outputPath} ({format.ToString().ToLowerInvariant()}, {graph.Boxes.Count} boxes, {graph.Edges.Count} edges).");
        return ExitCodes.Success;
    }
}
