using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Specs;
using Fcn.Cli.Summary;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn summary &lt;spec&gt; [--model Name] [--size HxW] [--json]</c>: per node, what the analysis
/// computed (channels, stride, receptive field, crop offsets, parameters, size), and the model's totals.
/// </summary>
internal sealed class SummaryCommand
{
    private readonly Argument<string> spec = new("spec") { Description = "The spec file (*.fcn.yaml); the other specs of its folder are compiled with it." };

    private readonly Option<string?> model = new("--model") { Description = "Show only this model of the spec (by its model: name)." };

    private readonly Option<string?> size = new("--size") { Description = "Input size HxW for FLOPs and output sizes (default 500x500)." };

    private readonly Option<bool> json = new("--json") { Description = "Write the summary as JSON instead of tables." };

    public Command Create(Terminal terminal)
    {
        var command = new Command("summary", "Show a model's layers, strides, receptive fields, crop offsets, parameters and FLOPs.")
        {
            spec, model, size, json,
        };
        command.SetAction(parse => Run(terminal, parse.GetValue(spec)!, parse.GetValue(model), parse.GetValue(size), parse.GetValue(json)));
        return command;
    }

    private static int Run(Terminal terminal, string spec, string? modelName, string? sizeText, bool json)
    {
        // Validate the cheap input before compiling anything.
        InputSize inputSize = sizeText is null ? InputSize.Default : InputSize.Parse(sizeText, "--size");
        IReadOnlyList<FcnModel> models = SpecModels.Load(terminal, spec, modelName);
        List<ModelSummary> summaries = models.Select(model => ModelSummaryBuilder.Build(model, inputSize)).ToList();

        if (json) SummaryJson.Write(terminal.Out, new SummaryDocument(spec, summaries));
        else foreach (ModelSummary summary in summaries) SummaryTableRenderer.Write(terminal.Console, summary);

        List<ModelSummary> failing = summaries.Where(summary => summary.AtSize.Failure is not null).ToList();
        foreach (ModelSummary summary in failing)
        {
            string hint = summary.SmallestValidInput is int side
                ? $"the smallest square input that works is {side}x{side}; pass a --size like it"
                : "no square input up to 4096x4096 works; check the spec's crops and pads";
            terminal.Error.WriteLine($"fcn: {summary.Model} does not work on a {inputSize} input: {summary.AtSize.Failure} ({hint}).");
        }

        return failing.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
