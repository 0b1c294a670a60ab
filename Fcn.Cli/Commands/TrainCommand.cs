using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Fcn.Cli.ConsoleUi;
using Fcn.Cli.Data;
using Fcn.Cli.Infrastructure;
using Fcn.Cli.Models;
using Fcn.Cli.Training;
using Fcn.Cli.Weights;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Training;
using Fcn.Runtime.Training.Optimization;
using Fcn.Runtime.Training.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Cli.Commands;

/// <summary>
/// <c>fcn train</c>: trains a built-in or user model with the runtime's <see cref="SegmentationTrainer"/>
/// (validation and checkpoints every epoch; Ctrl+C stops after the current step with a checkpoint),
/// showing the runtime's progress display, or its JSON lines with <c>--json</c>.
/// </summary>
internal sealed class TrainCommand
{
    private readonly ModelOptions modelOptions = new();

    private readonly RecipeOptions recipe = new();

    private readonly BindingOptions binding = new(training: true);

    private readonly Option<string> data = new("--data")
    {
        Description = "synthetic (built-in shapes), synthetic-rgbd (shapes with depth; heads sem and geo), voc:<VOC root>, folder:<root with images/ and masks/, or train/ and val/> or nyud:<root with color/, depth/ or hha/ and labels/, or train/ and val/>.",
        DefaultValueFactory = _ => "synthetic",
    };

    private readonly Option<int?> images = new("--images") { Description = "Synthetic training images (default 512; validation gets one in eight)." };

    private readonly Option<int> epochs = new("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 1 };

    private readonly Option<long?> maxSteps = new("--max-steps") { Description = "Stop (with a checkpoint) after this many optimizer steps." };

    private readonly Option<int> batch = new("--batch") { Description = "Images per step.", DefaultValueFactory = _ => 4 };

    private readonly Option<long> seed = new("--seed") { Description = "Seed of every random choice of the run.", DefaultValueFactory = _ => 0 };

    private readonly Option<string?> output = new("--out") { Description = "Folder for last.ckpt and best.ckpt (default runs/<model>)." };

    private readonly Option<string?> resume = new("--resume")
    {
        Description = "Continue from a checkpoint (default <out>/last.ckpt).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly WeightsOptions weights = new(WeightsUse.Start, "Start from these weights (.ckpt, .pt or .safetensors) instead of the initialization.", required: false);

    private readonly Option<bool> json = new("--json") { Description = "Report progress as JSON lines instead of a progress bar." };

    public Command Create(Terminal terminal)
    {
        var command = new Command("train", "Train a model (checkpoints in --out; Ctrl+C saves and stops).");
        modelOptions.AddTo(command);
        recipe.AddTo(command);
        weights.AddTo(command);
        binding.AddTo(command);
        foreach (Option option in new Option[] { data, images, epochs, maxSteps, batch, seed, output, resume, json })
            command.Options.Add(option);
        command.SetAction(parse => Run(terminal, parse));
        return command;
    }

    private int Run(Terminal terminal, ParseResult parse)
    {
        int epochCount = parse.GetValue(epochs), batchSize = parse.GetValue(batch);
        if (epochCount < 1) throw new UserError($"--epochs {epochCount}: train for at least one epoch.");
        if (batchSize < 1) throw new UserError($"--batch {batchSize}: a batch holds at least one image.");
        SgdOptions solver = recipe.Solver(parse);
        int accumulation = recipe.GradientAccumulation(parse);

        ModelEntry entry = modelOptions.Resolve(parse, terminal);
        DataSource source = DataSource.Parse(parse.GetValue(data)!, parse.GetValue(images));
        ISegmentationDataset training = source.OpenTraining();
        ISegmentationDataset? validation = source.OpenValidation();
        if (training.Count == 0) throw new UserError($"--data {parse.GetValue(data)}: the training split holds no images.");

        int classes = modelOptions.ClassesFor(parse, entry, source.ClassCount);
        int[] headClasses = ModelOptions.HeadClasses(entry, classes);
        DataBindingOptions bindingOptions = binding.Parse(parse, entry.Info.Heads);
        // Bound here once, so a mismatch is one clear line before any training starts (the trainer binds again).
        DataBinding.Create(entry.Info, training, bindingOptions, headClasses);
        if (validation is not null) DataBinding.Create(entry.Info, validation, bindingOptions, headClasses);
        string directory = parse.GetValue(output) ?? Path.Combine("runs", entry.Name);
        var options = new TrainingOptions(
            solver,
            Epochs: epochCount,
            MaxSteps: parse.GetValue(maxSteps),
            BatchSize: batchSize,
            GradientAccumulation: accumulation,
            Loss: recipe.Loss(parse, classes),
            Normalization: entry.Normalization,
            Augmentation: new JointAugmentation(HorizontalFlip: true),
            Seed: parse.GetValue(seed),
            CheckpointDirectory: directory,
            Device: modelOptions.DeviceFor(parse),
            ClassNames: source.ClassNames,
            Binding: bindingOptions,
            HeadClasses: headClasses);

        torch.random.manual_seed(options.Seed);
        using nn.Module model = entry.Create(classes);
        weights.LoadInto(parse, model, entry, terminal);

        string? checkpoint = null;
        if (parse.GetResult(resume) is not null)
        {
            checkpoint = parse.GetValue(resume) ?? SegmentationTrainer.LastCheckpointPath(directory);
            if (!File.Exists(checkpoint))
                throw new UserError($"{checkpoint}: no checkpoint to resume from; train without --resume first, or pass the checkpoint's path.");
        }

        using var cancellation = new ConsoleCancellation();
        TrainingResult Fit(ITrainingObserver observer)
        {
            // The trainer takes its observer when built, and Spectre hands the observer out inside its display.
            using var trainer = new SegmentationTrainer(model, options, observer);
            if (checkpoint is not null) trainer.Resume(checkpoint);
            return trainer.Fit(training, validation, cancellation.Token);
        }

        bool asJson = parse.GetValue(json);
        TrainingResult result = asJson
            ? Fit(new JsonLinesTrainingObserver(terminal.Out))
            : SpectreTrainingObserver.Run(terminal.Console, Fit);

        string last = SegmentationTrainer.LastCheckpointPath(directory);
        if (asJson) WriteJsonResult(terminal, entry.Name, result, last);
        else terminal.Out.WriteLine(ResultLine(entry.Name, result, last));
        return ExitCodes.Success;
    }

    private static string ResultLine(string model, TrainingResult result, string checkpoint) => string.Format(
        CultureInfo.InvariantCulture,
        "{0} {1} after {2} steps ({3} epoch{4}): validation mean IU {5}{6}. Checkpoint: {7}",
        result.Cancelled ? "Stopped" : "Trained",
        model,
        result.Progress.Step,
        result.Progress.Epoch,
        result.Progress.Epoch == 1 ? "" : "s",
        MetricsTable.MeanIUSummary(result),
        // A multi-task run: every head's, the main head's (above) choosing the best checkpoint.
        result.LastHeadEvaluations is { } heads
            ? " (" + string.Join(", ", heads.Select(head => head.Head + " " + MetricsTable.Percent(head.Metrics.MeanIU))) + ")"
            : "",
        checkpoint);

    private static void WriteJsonResult(Terminal terminal, string model, TrainingResult result, string checkpoint)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", "done");
            writer.WriteString("model", model);
            writer.WriteBoolean("cancelled", result.Cancelled);
            writer.WriteNumber("steps", result.Progress.Step);
            writer.WriteNumber("epochs", result.Progress.Epoch);
            WriteRatio(writer, "mean_iu", result.LastMeanIU);
            WriteRatio(writer, "best_mean_iu", result.BestMeanIU);
            writer.WriteString("checkpoint", checkpoint);
            if (result.LastHeadEvaluations is { } heads)
            {
                writer.WriteStartArray("heads");
                foreach (HeadEvaluation head in heads)
                {
                    writer.WriteStartObject();
                    writer.WriteString("head", head.Head);
                    WriteRatio(writer, "mean_iu", head.Metrics.MeanIU);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        terminal.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteRatio(Utf8JsonWriter writer, string name, double ratio)
    {
        if (double.IsNaN(ratio)) writer.WriteNull(name);
        else writer.WriteNumber(name, ratio);
    }
}
