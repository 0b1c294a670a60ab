using System.Collections.Generic;
using System.Linq;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using Fcn.Cli.ConsoleUi;
using Fcn.Cli.Data;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Cli.Weights;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Training.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn eval --weights &lt;file&gt;</c>: the paper's four metrics (pixel accuracy, mean accuracy, mean IU,
/// frequency-weighted IU) and the IU of every class, on the data's validation split.
/// </summary>
internal sealed class EvalCommand
{
    private readonly ModelOptions modelOptions = new();

    private readonly BindingOptions binding = new(training: false);

    private readonly WeightsOptions weights = new(WeightsUse.Run, "The weights to score: a checkpoint from fcn train (.ckpt) or a state dict (.pt, .safetensors).", required: true);

    private readonly Option<string> data = new("--data")
    {
        Description = "synthetic, synthetic-rgbd, voc:<VOC root> (split val), folder:<root> or nyud:<root> (their val/ split if they have one).",
        DefaultValueFactory = _ => "synthetic",
    };

    private readonly Option<int?> images = new("--images") { Description = "Synthetic images to score (default 512)." };

    private readonly Option<int> batch = new("--batch") { Description = "Images per forward pass.", DefaultValueFactory = _ => 1 };

    private readonly Option<bool> json = new("--json") { Description = "Write the metrics as JSON." };

    public Command Create(Terminal terminal)
    {
        var command = new Command("eval", "Score a model's weights: pixel accuracy, mean accuracy, mean IU, f.w. IU, IU per class.");
        modelOptions.AddTo(command);
        weights.AddTo(command);
        binding.AddTo(command);
        foreach (Option option in new Option[] { data, images, batch, json })
            command.Options.Add(option);
        command.SetAction(parse => Run(terminal, parse));
        return command;
    }

    private int Run(Terminal terminal, ParseResult parse)
    {
        int batchSize = parse.GetValue(batch);
        if (batchSize < 1) throw new UserError($"--batch {batchSize}: a batch holds at least one image.");

        ModelEntry entry = modelOptions.Resolve(parse, terminal);
        DataSource source = DataSource.Parse(parse.GetValue(data)!, parse.GetValue(images));
        ISegmentationDataset dataset = source.OpenEvaluation();
        if (dataset.Count == 0) throw new UserError($"--data {parse.GetValue(data)}: the evaluation split holds no images.");

        int classes = modelOptions.ClassesFor(parse, entry, source.ClassCount);
        DataBinding bound = DataBinding.Create(entry.Info, dataset, binding.Parse(parse, entry.Info.Heads), ModelOptions.HeadClasses(entry, classes));
        Device device = modelOptions.DeviceFor(parse);
        using nn.Module model = entry.Create(classes);
        weights.LoadInto(parse, model, entry, terminal);
        model.to(device);

        var loader = new SegmentationLoader(dataset, new LoaderOptions(entry.Normalization, BatchSize: batchSize, Binding: bound));
        if (!bound.IsPlain)
        {
            // Several heads (or inputs, or a void label of its own): every head scored on its own labels.
            IReadOnlyList<HeadEvaluation> heads = SegmentationEvaluator.EvaluateHeads(model, loader, device, bound);
            if (parse.GetValue(json)) WriteHeadsJson(terminal.Out, entry.Name, dataset.Count, heads, bound, source);
            else
                foreach ((HeadEvaluation head, HeadBinding headBinding) in heads.Zip(bound.Heads))
                    terminal.Console.Write(MetricsTable.Build(head.Metrics, source.ClassNamesOf(headBinding.Label), $"{entry.Name} head '{head.Head}' on {dataset.Count} images"));
            return ExitCodes.Success;
        }

        SegmentationMetrics metrics = SegmentationEvaluator.Evaluate(model, loader, device, classes).Metrics();

        if (parse.GetValue(json)) WriteJson(terminal.Out, entry.Name, dataset.Count, metrics, source.ClassNames);
        else terminal.Console.Write(MetricsTable.Build(metrics, source.ClassNames, $"{entry.Name} on {dataset.Count} images"));
        return ExitCodes.Success;
    }

    /// <summary>One object per head, each with the single-head output's fields, under "heads".</summary>
    private static void WriteHeadsJson(TextWriter output, string model, int count, IReadOnlyList<HeadEvaluation> heads, DataBinding binding, DataSource source)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("images", count);
            writer.WriteStartArray("heads");
            for (int h = 0; h < heads.Count; h++)
            {
                writer.WriteStartObject();
                writer.WriteString("head", heads[h].Head);
                writer.WriteString("label", binding.Heads[h].Label);
                writer.WriteNumber("void_label", binding.Heads[h].VoidLabel);
                WriteMetrics(writer, heads[h].Metrics, source.ClassNamesOf(binding.Heads[h].Label));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteJson(TextWriter output, string model, int count, SegmentationMetrics metrics, IReadOnlyList<string>? classNames)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("images", count);
            WriteMetrics(writer, metrics, classNames);
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteMetrics(Utf8JsonWriter writer, SegmentationMetrics metrics, IReadOnlyList<string>? classNames)
    {
        writer.WriteNumberOrNull("pixel_accuracy", metrics.PixelAccuracy);
        writer.WriteNumberOrNull("mean_accuracy", metrics.MeanAccuracy);
        writer.WriteNumberOrNull("mean_iu", metrics.MeanIU);
        writer.WriteNumberOrNull("fw_iu", metrics.FrequencyWeightedIU);
        writer.WriteStartArray("classes");
        for (int i = 0; i < metrics.ClassIU.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", i);
            if (classNames is not null && i < classNames.Count) writer.WriteString("name", classNames[i]);
            writer.WriteNumberOrNull("iu", metrics.ClassIU[i]);
            writer.WriteNumberOrNull("accuracy", metrics.ClassAccuracy[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
