using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Linq;
using Fcn.Cli.Export;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Specs;
using Fcn.Dsl.Model;
using Fcn.Runtime.Data.Transforms;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn export SPEC --format onnx --weights W --out F.onnx</c>: a spec and its weights leave the
/// TorchSharp process. Each format's logic lives in its own file under Fcn.Cli/Export; this command
/// only reads the common options, resolves what to export (<see cref="ExportSource"/>) and dispatches.
/// </summary>
internal sealed class ExportCommand
{
    private readonly Argument<string> spec = new("spec") { Description = "The spec file (*.fcn.yaml); the other specs of its folder are compiled with it." };

    private readonly Option<string> format = new("--format")
    {
        Description = "onnx (one .onnx file), triton (a Triton model repository entry: DIR/<model>/config.pbtxt and DIR/<model>/1/model.onnx) or pytorch (a torch.nn.Module .py file, with train_ddp.py beside it).",
        Required = true,
    };

    private readonly Option<string> output = new("--out") { Description = "The file (onnx, pytorch) or the model repository folder (triton) to write.", Required = true };

    private readonly Option<string?> weights = new("--weights")
    {
        Description = "The weights: a .pt/.pth or .safetensors state dict, or a checkpoint from fcn train (.ckpt). Without it, the spec's fresh initialization.",
    };

    private readonly Option<string?> model = new("--model") { Description = "The model of the spec to export, when it declares several (variants)." };

    private readonly Option<int?> classes = new("--classes") { Description = "Classes the weights predict (default: read off the weights' score layers, else the spec's). A multi-task spec's heads (SIFT Flow's sem, geo) keep their own counts, read off the weights." };

    private readonly Option<string?> normalization = new("--normalization") { Description = "Input convention written to the metadata, for every 3-channel input: caffe or torchvision (default: the built-in model's, per input for the zoo's fusion nets)." };

    private readonly Option<string?> classNames = new("--class-names") { Description = "Comma-separated class names, in index order, for the metadata." };

    private readonly Option<int> maxBatch = new("--max-batch") { Description = "triton: max_batch_size of the model configuration.", DefaultValueFactory = _ => 8 };

    public Command Create(Terminal terminal)
    {
        var command = new Command("export", "Export a spec and its weights: ONNX, a Triton model repository entry, or a PyTorch module for distributed training.")
        {
            spec, format, output, weights, model, classes, normalization, classNames, maxBatch,
        };
        command.SetAction(parse => Run(terminal, parse));
        return command;
    }

    private int Run(Terminal terminal, ParseResult parse)
    {
        string chosen = parse.GetValue(format)!.ToLowerInvariant();
        if (chosen is not ("onnx" or "triton" or PyTorchExportFormat.Name))
            throw new UserError($"--format '{parse.GetValue(format)}' is not an export format; use onnx, triton or {PyTorchExportFormat.Name}.");
        if (parse.GetValue(classes) is < 1) throw new UserError($"--classes {parse.GetValue(classes)}: a model needs at least one class.");

        FcnModel ir = SingleModel(terminal, parse.GetValue(spec)!, parse.GetValue(model));
        if (chosen == PyTorchExportFormat.Name)
        {
            // A PyTorch module is code: its weights come later, by state-dict key (torch.load, or train_ddp.py).
            if (parse.GetValue(weights) is not null)
                throw new UserError($"--weights: --format {PyTorchExportFormat.Name} writes the module's code only; load the weights in PyTorch with module.load_state_dict(torch.load(...)).");
            PyTorchExportFormat.Export(terminal, ir, parse.GetValue(output)!);
            return ExitCodes.Success;
        }
        ExportSource source = ExportSource.Resolve(ir, parse.GetValue(weights), parse.GetValue(classes), Normalization(parse.GetValue(normalization)), terminal);
        IReadOnlyList<string>? names = ClassNames(parse.GetValue(classNames), source.Classes);
        string target = parse.GetValue(output)!;
        string written = chosen switch
        {
            "onnx" => OnnxExportFormat.Write(source, parse.GetValue(weights), names, target, terminal),
            _ => OnnxTritonExportFormat.Write(source, parse.GetValue(weights), names, target, parse.GetValue(maxBatch), terminal),
        };
        terminal.Out.WriteLine($"{ir.TypeName} ({source.ClassesText}) -> {written}");
        return ExitCodes.Success;
    }

    private static FcnModel SingleModel(Terminal terminal, string path, string? name)
    {
        IReadOnlyList<FcnModel> models = SpecModels.Load(terminal, path, name);
        if (models.Count > 1)
            throw new UserError($"{path}: declares {string.Join(", ", models.Select(m => m.TypeName))}; pass --model with the one to export.");
        return models[0];
    }

    private static ImageNormalization? Normalization(string? name)
    {
        if (name is null) return null;
        try
        {
            return ImageNormalization.FromName(name);
        }
        catch (ArgumentException)
        {
            throw new UserError($"--normalization '{name}' is not a convention; use caffe (BGR, mean subtracted) or torchvision (RGB, mean/std).");
        }
    }

    private static IReadOnlyList<string>? ClassNames(string? text, int classes)
    {
        if (text is null) return null;
        string[] names = text.Split(',').Select(n => n.Trim()).ToArray();
        if (names.Length != classes)
            throw new UserError($"--class-names lists {names.Length} names for {classes} classes; give one name per class, in index order.");
        return names;
    }
}
