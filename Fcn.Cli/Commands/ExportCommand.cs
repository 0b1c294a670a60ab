using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Fcn.Cli.Export;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Specs;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn export &lt;spec&gt; --format pytorch --out F.py [--model Name]</c>: the spec's model for another engine.
/// Each format's work is in its own class under Fcn.Cli/Export.
/// </summary>
internal sealed class ExportCommand
{
    private readonly Argument<string> spec = new("spec") { Description = "The spec file (*.fcn.yaml); the other specs of its folder are compiled with it." };

    private readonly Option<string> format = new("--format") { Description = "pytorch (a torch.nn.Module .py file, with train_ddp.py beside it).", Required = true };

    private readonly Option<string> output = new("--out") { Description = "The file to write.", Required = true };

    private readonly Option<string?> model = new("--model") { Description = "The model to export, when the spec declares several." };

    public Command Create(Terminal terminal)
    {
        var command = new Command("export", "Export a model to another engine: a PyTorch module for distributed training.") { spec, format, output, model };
        command.SetAction(parse => Run(terminal, parse.GetValue(spec)!, parse.GetValue(format)!, parse.GetValue(output)!, parse.GetValue(model)));
        return command;
    }

    private static int Run(Terminal terminal, string spec, string formatName, string outputPath, string? modelName)
    {
        if (formatName != PyTorchExportFormat.Name)
            throw new UserError($"--format '{formatName}': use {PyTorchExportFormat.Name}.");

        IReadOnlyList<FcnModel> models = SpecModels.Load(terminal, spec, modelName);
        if (models.Count > 1)
            throw new UserError($"{spec}: declares {models.Count} models ({string.Join(", ", models.Select(m => m.TypeName))}); pick one with --model.");

        PyTorchExportFormat.Export(terminal, models[0], outputPath);
        return ExitCodes.Success;
    }
}
