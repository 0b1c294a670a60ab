using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime;
using Fcn.Runtime.Data.Transforms;
using static TorchSharp.torch;

namespace Fcn.Cli.Models;

/// <summary>
/// The options that choose and place a model, shared by train, eval and predict: <c>--model</c>,
/// <c>--assembly</c>, <c>--classes</c>, <c>--normalization</c> and <c>--device</c>.
/// </summary>
internal sealed class ModelOptions
{
    public Option<string> Model { get; } = new("--model")
    {
        Description = "A built-in model (" + BuiltInModels.Names + "), or with --assembly the full type name of your own; predict also takes an exported .onnx file.",
        DefaultValueFactory = _ => "TinyFcn8s",
    };

    public Option<string?> Assembly { get; } = new("--assembly") { Description = "Your build output (.dll) holding the generated model named by --model." };

    public Option<string?> Spec { get; } = new("--spec") { Description = "A spec file (*.fcn.yaml) of a model built into fcn (the examples and the zoo: nyud-*, siftflow-*, pascalcontext-*), instead of --model." };

    public Option<int?> Classes { get; } = new("--classes") { Description = "Classes to predict (default: the data's, else the model's)." };

    public Option<string?> Normalization { get; } = new("--normalization") { Description = "Input convention: caffe or torchvision (default: the model's)." };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "cpu, cuda or auto (CUDA when available).",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Assembly);
        command.Options.Add(Spec);
        command.Options.Add(Classes);
        command.Options.Add(Normalization);
        command.Options.Add(Device);
    }

    /// <summary>The chosen model, with the normalization option applied.</summary>
    /// <exception cref="UserError">An unknown model or normalization.</exception>
    public ModelEntry Resolve(ParseResult parse, Terminal terminal)
    {
        string name = parse.GetValue(Model)!;
        string? assembly = parse.GetValue(Assembly);
        string? spec = parse.GetValue(Spec);
        ImageNormalization? normalization = ParseNormalization(parse.GetValue(Normalization));
        if (spec is not null && assembly is not null) throw new UserError("--spec and --assembly: give one; --spec names a model built into fcn, --assembly one of your build.");
        if (assembly is not null) return AssemblyModels.Load(assembly, name, normalization ?? ImageNormalization.Caffe);
        if (spec is not null)
        {
            // --model then only chooses among the spec's models, and only when given.
            OptionResult? chosen = parse.GetResult(Model);
            ModelEntry fromSpec = SpecEntries.Find(terminal, spec, chosen is null || chosen.Implicit ? null : name);
            return normalization is null ? fromSpec : fromSpec with { Normalization = normalization };
        }

        ModelEntry entry = BuiltInModels.Find(name)
            ?? throw new UserError($"--model '{name}' is not a built-in model; use one of {BuiltInModels.Names}, or --assembly <your.dll> --model <Namespace.Type>.");
        return normalization is null ? entry : entry with { Normalization = normalization };
    }

    /// <summary>
    /// The class count of each head as <paramref name="model"/> is built for <paramref name="mainClasses"/>: the main
    /// head's is that, the others keep their spec's (SIFT Flow's geo: 3).
    /// </summary>
    public static int[] HeadClasses(ModelEntry model, int mainClasses) =>
        model.Info.Heads.Select((head, h) => h == 0 ? mainClasses : model.Info.ClassesOf(head)).ToArray();

    /// <summary>The class count: <c>--classes</c>, else the data's, else the model's default (the main head's, for a multi-task net).</summary>
    public int ClassesFor(ParseResult parse, ModelEntry model, int? dataClasses)
    {
        int classes = parse.GetValue(Classes) ?? dataClasses ?? model.Info.Classes;
        if (classes < 1) throw new UserError($"--classes {classes}: a model needs at least one class.");
        return classes;
    }

    /// <exception cref="UserError">An unknown device, or CUDA asked for where there is none.</exception>
    public Device DeviceFor(ParseResult parse)
    {
        string device = parse.GetValue(Device)!;
        switch (device.ToLowerInvariant())
        {
            case "auto": return FcnDevice.Default;
            case "cpu": return CPU;
            case "cuda":
                if (!cuda.is_available()) throw new UserError("--device cuda: no CUDA device is available to this libtorch; use --device cpu (or install the CUDA libtorch package).");
                return CUDA;
            default: throw new UserError($"--device '{device}' is not a device; use cpu, cuda or auto.");
        }
    }

    /// <summary>The <c>--normalization</c> given, or null to use the model's own.</summary>
    /// <exception cref="UserError">An unknown convention.</exception>
    public ImageNormalization? NormalizationFor(ParseResult parse) => ParseNormalization(parse.GetValue(Normalization));

    private static ImageNormalization? ParseNormalization(string? name)
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
}
