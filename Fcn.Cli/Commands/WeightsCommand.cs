using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Cli.Specs;
using Fcn.Cli.Weights;
using Fcn.Dsl.Model;
using Fcn.Runtime;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Weights.Published;
using Spectre.Console;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn weights pull MODEL</c> downloads the files a model was published with (its spec's <c>weights:</c>)
/// into the cache, verified by SHA-256 and resumed where a download broke off; it prints each file's path.
/// <c>fcn weights list MODEL</c> shows them and whether they are cached. MODEL is a built-in model, a spec
/// file (<c>*.fcn.yaml</c>, compiled with its folder), or with <c>--assembly</c> a type of your build.
/// </summary>
internal sealed class WeightsCommand
{
    public Command Create(Terminal terminal) =>
        new("weights", "The weight files models were published with: list them, or pull them into the cache.")
        {
            new ModelArguments().Command("pull", "Download a model's published weight files into the cache (progress, resume, SHA-256 check); prints their paths.", Pull, terminal),
            new ModelArguments().Command("list", "List a model's published weight files and where they are cached.", List, terminal),
        };

    private static int Pull(Terminal terminal, ModelArguments arguments, ParseResult parse)
    {
        (_, IReadOnlyList<FcnWeightFileInfo> files) = arguments.Files(terminal, parse);
        WeightCache cache = arguments.Source.CacheFor(parse);
        WeightDownloadOptions options = arguments.Source.DownloadFor(parse);
        foreach (FcnWeightFileInfo file in files)
            terminal.Out.WriteLine(PublishedWeightsFetcher.Fetch(file, cache, options, terminal));
        return ExitCodes.Success;
    }

    private static int List(Terminal terminal, ModelArguments arguments, ParseResult parse)
    {
        (string model, IReadOnlyList<FcnWeightFileInfo> files) = arguments.Files(terminal, parse);
        WeightCache cache = arguments.Source.CacheFor(parse);
        var table = new Table().Title(Markup.Escape($"{model}: published weights (cache {cache.Directory})"));
        foreach (string column in new[] { "name", "for", "file", "SHA-256", "url", "cached" }) table.AddColumn(column);
        foreach (FcnWeightFileInfo file in files)
        {
            table.AddRow(new[] { file.Name, file.Purpose == FcnWeightFilePurpose.Model ? "model" : "backbone", file.FileName, file.ExpectedDigest, file.Url, cache.Find(file) ?? "no" }
                .Select(cell => Markup.Escape(cell)).ToArray());
        }
        terminal.Console.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>The arguments of one subcommand (System.CommandLine symbols belong to one command each).</summary>
    private sealed class ModelArguments
    {
        private readonly Argument<string> model = new("model")
        {
            Description = "A built-in model (" + BuiltInModels.Names + "), a spec file (*.fcn.yaml), or with --assembly the type name of your own.",
        };

        private readonly Option<string?> assembly = new("--assembly") { Description = "Your build output (.dll) holding the generated model named by MODEL." };

        private readonly Option<string?> name = new("--name") { Description = "Only the file with this name in the spec's weights: (e.g. coco_voc, imagenet)." };

        public PublishedWeightsSource Source { get; } = new("--cache", "--mirror");

        public Command Command(string verb, string description, Func<Terminal, ModelArguments, ParseResult, int> run, Terminal terminal)
        {
            var command = new Command(verb, description) { model, assembly, name };
            Source.AddTo(command);
            command.SetAction(parse => run(terminal, this, parse));
            return command;
        }

        /// <summary>The model's name and its published files (just the one <c>--name</c> picks).</summary>
        /// <exception cref="UserError">No such model, it publishes nothing, or nothing by that name.</exception>
        public (string Model, IReadOnlyList<FcnWeightFileInfo> Files) Files(Terminal terminal, ParseResult parse)
        {
            (string label, IReadOnlyList<FcnWeightFileInfo> files) = Published(terminal, parse.GetValue(model)!, parse.GetValue(assembly));
            if (files.Count == 0)
                throw new UserError($"{label} names no published weights: its spec has no 'weights:' (see docs/spec.md, 'weights').");
            if (parse.GetValue(name) is not { } wanted) return (label, files);
            FcnWeightFileInfo chosen = files.FirstOrDefault(file => file.Name == wanted)
                ?? throw new UserError($"--name {wanted}: {label} publishes no weights named '{wanted}'; it publishes {string.Join(", ", files.Select(file => file.Name))}.");
            return (label, new[] { chosen });
        }

        private static (string Label, IReadOnlyList<FcnWeightFileInfo> Files) Published(Terminal terminal, string model, string? assembly)
        {
            if (assembly is not null)
            {
                ModelEntry entry = AssemblyModels.Load(assembly, model, ImageNormalization.Caffe);
                return (entry.Name, entry.Info.PublishedWeights);
            }
            if (model.EndsWith(".fcn.yaml", StringComparison.OrdinalIgnoreCase) || File.Exists(model))
            {
                // A spec of one's own: its files straight from the compiled IR, no build needed.
                IReadOnlyList<FcnModel> models = SpecModels.Load(terminal, model, modelName: null);
                var files = models.SelectMany(compiled => compiled.PublishedWeights).Select(ToRuntime)
                    .GroupBy(file => file.FileName).Select(group => group.First()).ToList();
                return (string.Join(", ", models.Select(compiled => compiled.TypeName)), files);
            }
            ModelEntry builtIn = BuiltInModels.Find(model)
                ?? throw new UserError($"'{model}' is neither a built-in model ({BuiltInModels.Names}) nor a spec file; pass one of those, or --assembly <your.dll> with your model's type name.");
            return (builtIn.Name, builtIn.Info.PublishedWeights);
        }

        /// <summary>The IR's entry as the runtime describes it (what a generated model's Description would hold).</summary>
        private static FcnWeightFileInfo ToRuntime(PublishedWeightFile file) => new(
            file.Name,
            file.Purpose == WeightFilePurpose.Backbone ? FcnWeightFilePurpose.Backbone : FcnWeightFilePurpose.Model,
            file.Url,
            file.FileName,
            file.Sha256,
            file.Sha256Prefix);
    }
}
