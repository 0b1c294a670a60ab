using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Runtime;
using Fcn.Runtime.Weights;
using Fcn.Runtime.Weights.Published;
using static TorchSharp.torch;

namespace Fcn.Cli.Weights;

/// <summary>What a command does with the weights it is given.</summary>
internal enum WeightsUse
{
    /// <summary>eval and predict: the weights are the model's, to be scored or run.</summary>
    Run,

    /// <summary>train: the weights are a start, the model's own or an ImageNet classifier to convolutionalize.</summary>
    Start,
}

/// <summary>
/// <c>--weights</c> as train, eval and predict share it: a file (<see cref="WeightsFile"/>), or
/// <c>published</c> / <c>published:NAME</c>, one of the files the model's spec names under <c>weights:</c>,
/// taken from the cache and downloaded into it first when absent (<c>--weights-cache</c>, <c>--weights-mirror</c>).
/// </summary>
internal sealed class WeightsOptions
{
    public const string Published = "published";

    private readonly WeightsUse use;

    public WeightsOptions(WeightsUse use, string description, bool required)
    {
        this.use = use;
        Weights = new Option<string?>("--weights")
        {
            Description = description + " Or 'published' (published:NAME): a file the model's spec names under weights:, downloaded into the cache if needed.",
            Required = required,
        };
    }

    public Option<string?> Weights { get; }

    public PublishedWeightsSource Source { get; } = new("--weights-cache", "--weights-mirror");

    public void AddTo(Command command)
    {
        command.Options.Add(Weights);
        Source.AddTo(command);
    }

    /// <summary>Loads the weights <c>--weights</c> names into <paramref name="model"/>; nothing when it was not given.</summary>
    /// <exception cref="UserError">The file is missing or fits nothing, or the model publishes no such weights.</exception>
    public void LoadInto(ParseResult parse, nn.Module model, ModelEntry entry, Terminal terminal)
    {
        string? value = parse.GetValue(Weights);
        if (value is null) return;
        if (!IsPublished(value, out string? name))
        {
            WeightsFile.LoadInto(model, entry.Name, value, terminal, terminal.Verbose);
            return;
        }

        FcnWeightFileInfo file = Select(entry.Info, name);
        string path;
        try
        {
            path = PublishedWeightsFetcher.Fetch(file, Source.CacheFor(parse), Source.DownloadFor(parse), terminal);
        }
        catch (WeightDownloadException exception)
        {
            throw new UserError(exception.Message + $" To download it on its own first: fcn weights pull {entry.Name}{(name is null ? "" : " --name " + name)}.", exception);
        }

        if (file.Purpose == FcnWeightFilePurpose.Model) WeightsFile.LoadInto(model, entry.Name, path, terminal, terminal.Verbose);
        else ConvolutionalizeInto(model, entry.Name, file, path, terminal);
    }

    private static bool IsPublished(string value, out string? name)
    {
        name = null;
        if (value == Published) return true;
        if (!value.StartsWith(Published + ":", StringComparison.Ordinal)) return false;
        name = value.Substring(Published.Length + 1);
        return true;
    }

    /// <summary>
    /// The file <c>published[:NAME]</c> means: the one named, else the model's own weights, else (train only) the
    /// backbone's ImageNet classifier.
    /// </summary>
    private FcnWeightFileInfo Select(FcnModelInfo info, string? name)
    {
        IReadOnlyList<FcnWeightFileInfo> files = info.PublishedWeights;
        if (files.Count == 0)
            throw new UserError($"--weights {Published}: {info.Name} names no published weights (its spec {info.SpecFile} has no 'weights:'); pass a weights file instead.");
        string listed = string.Join(", ", files.Select(Describe));
        FcnWeightFileInfo? chosen = name is null
            ? files.FirstOrDefault(file => file.Purpose == FcnWeightFilePurpose.Model) ?? (use == WeightsUse.Start ? files[0] : null)
            : files.FirstOrDefault(file => file.Name == name);
        if (chosen is null && name is not null)
            throw new UserError($"--weights {Published}:{name}: {info.Name} publishes no weights named '{name}'; it publishes {listed}.");
        if (chosen is null || (chosen.Purpose == FcnWeightFilePurpose.Backbone && use == WeightsUse.Run))
            throw new UserError($"--weights {Published}: {info.Name} publishes only {listed}: an ImageNet classifier for its backbone, which 'fcn train --weights {Published}' starts from; to score or run the model, train it first and pass the checkpoint.");
        return chosen;
    }

    private static string Describe(FcnWeightFileInfo file) =>
        $"{file.Name} ({file.FileName}, for the {(file.Purpose == FcnWeightFilePurpose.Model ? "model" : "backbone")})";

    /// <summary>
    /// Starts the backbone from an ImageNet classifier (the paper's section 3.1), recognised by its keys:
    /// torchvision's VGG16 (<c>features.N</c>, <c>classifier.N</c>) or ResNet (<c>layer1</c> ... <c>layer4</c>).
    /// </summary>
    private static void ConvolutionalizeInto(nn.Module model, string modelName, FcnWeightFileInfo file, string path, Terminal terminal)
    {
        Dictionary<string, Tensor> stateDict = StateDictFile.Read(path);
        try
        {
            WeightLoadReport report;
            if (stateDict.ContainsKey("features.0.weight") && stateDict.ContainsKey("classifier.0.weight"))
                report = Convolutionalize.FromImageNetVgg16(model, stateDict);
            else if (stateDict.ContainsKey("layer1.0.conv1.weight"))
                report = Convolutionalize.FromImageNetResNet(model, stateDict);
            else
                throw new UserError($"{path}: {file.Name} is published for {modelName}'s backbone, but the file is neither torchvision's VGG16 nor a ResNet classifier (no features.0.weight or layer1.0.conv1.weight).");
            terminal.Error.WriteLine($"fcn: {modelName}: backbone initialized from {file.FileName}: {report.Loaded.Count} tensors loaded, "
                + $"{report.Missing.Count} keep their initialization (score and upsampling layers), {report.Dropped.Count + report.Unexpected.Count} of the classifier unused.");
            if (terminal.Verbose) terminal.Error.Write(report.ToTable());
        }
        catch (ArgumentException exception)
        {
            throw new UserError($"{path}: cannot convolutionalize {file.FileName} into {modelName}: {exception.Message}", exception);
        }
        finally
        {
            foreach (Tensor tensor in stateDict.Values) tensor.Dispose();
        }
    }
}
