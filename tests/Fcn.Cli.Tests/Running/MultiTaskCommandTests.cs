using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Fcn.Cli.Tests.Support;
using Fcn.Imaging.Png;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Nyud;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Tests.Models;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Cli.Tests.Running;

/// <summary>
/// fcn train, eval and predict on a two-input (color, depth), two-head (sem, geo) model: TinyRgbdFcn, compiled into
/// this test assembly from tests/Shared/Specs and loaded with --assembly, on the in-memory synthetic RGB-D shapes and
/// on the same shapes written in NYUD's layout by fcn data synthetic --layout nyud.
/// </summary>
public sealed class MultiTaskCommandTests
{
    private static readonly string Assembly = typeof(TinyRgbdFcn).Assembly.Location;

    private static string[] Model(params string[] rest) =>
        new[] { "--assembly", Assembly, "--model", "TinyRgbdFcn", "--normalization", "torchvision", "--device", "cpu" }.Concat(rest).ToArray();

    [Fact]
    public void Train_eval_and_predict_on_synthetic_rgbd_score_and_write_both_heads()
    {
        using var folder = new TempFolder();
        string run = Path.Combine(folder.Path, "run");

        // 8 images in batches of 4: 2 steps, then one validation of both heads.
        CliResult trained = Tool.Run(new[] { "train" }.Concat(Model("--data", "synthetic-rgbd", "--images", "8", "--batch", "4",
            "--epochs", "1", "--head-weight", "geo=0.5", "--out", run, "--json")).ToArray());
        Assert.True(trained.ExitCode == 0, trained.Error);
        JsonElement done = JsonLines(trained.Out)[^1];
        Assert.Equal(2, done.GetProperty("steps").GetInt64());
        Assert.Equal(new[] { "sem", "geo" }, done.GetProperty("heads").EnumerateArray().Select(h => h.GetProperty("head").GetString()));
        string checkpoint = Path.Combine(run, "last.ckpt");

        CliResult scored = Tool.Run(new[] { "eval" }.Concat(Model("--data", "synthetic-rgbd", "--images", "2", "--weights", checkpoint, "--json")).ToArray());
        Assert.True(scored.ExitCode == 0, scored.Error);
        using (JsonDocument metrics = JsonDocument.Parse(scored.Out))
        {
            JsonElement[] heads = metrics.RootElement.GetProperty("heads").EnumerateArray().ToArray();
            Assert.Equal(new[] { "sem", "geo" }, heads.Select(h => h.GetProperty("head").GetString()));
            Assert.Equal(new[] { "background", "circle", "square", "triangle" }, heads[0].GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            Assert.Equal(new[] { "background", "near", "far" }, heads[1].GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            foreach (JsonElement head in heads)
                foreach (string metric in new[] { "pixel_accuracy", "mean_accuracy", "mean_iu", "fw_iu" })
                    Assert.InRange(head.GetProperty(metric).GetDouble(), 0.0, 1.0);
        }

        string predictions = Path.Combine(folder.Path, "predictions");
        CliResult predicted = Tool.Run(new[] { "predict" }.Concat(Model("--data", "synthetic-rgbd", "--images", "1", "--weights", checkpoint, "--out", predictions)).ToArray());
        Assert.True(predicted.ExitCode == 0, predicted.Error);
        Assert.Equal(new[] { "rgbd_00000.geo.png", "rgbd_00000.geo_overlay.png", "rgbd_00000.sem.png", "rgbd_00000.sem_overlay.png" },
            Directory.GetFiles(predictions).Select(Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal));
        Assert.True(IndexedPngReader.Read(Path.Combine(predictions, "rgbd_00000.geo.png")).Pixels.All(label => label < 3));

        // A two-input model cannot read single image files: the tool says to use --data.
        CliResult images = Tool.Run(new[] { "predict" }.Concat(Model("--weights", checkpoint, Path.Combine(predictions, "rgbd_00000.sem_overlay.png"))).ToArray());
        Assert.Equal(1, images.ExitCode);
        Assert.Contains("reads color and depth, not one image: pass --data nyud:", images.Error);
    }

    [Fact]
    public void The_nyud_layout_written_by_fcn_data_reads_back_as_the_synthetic_rgbd_samples_and_trains()
    {
        using var folder = new TempFolder();
        string root = Path.Combine(folder.Path, "nyud");
        CliResult written = Tool.Run("data", "synthetic", "--layout", "nyud", "--out", root, "--images", "4", "--val-images", "2", "--size", "32");
        Assert.True(written.ExitCode == 0, written.Error);

        // Depth (16-bit millimetres, log-normalized on load) and both labels come back exactly; colour to within 8-bit rounding.
        var fromFiles = new MultiInputFolderDataset(Path.Combine(root, "train"));
        var inMemory = new SyntheticRgbdDataset(SyntheticShapesOptions.Train(4, 32));
        Assert.Equal(new[] { "color", "depth" }, fromFiles.Inputs.Select(i => i.Name));
        Assert.Equal(new[] { "geo", "sem" }, fromFiles.Labels.Select(l => l.Name));
        for (int i = 0; i < 4; i++)
        {
            using SegmentationSample file = fromFiles.Load(i), memory = inMemory.Load(i);
            Assert.Equal(memory.Name, file.Name);
            Assert.Equal(memory.Input("depth").data<float>().ToArray(), file.Input("depth").data<float>().ToArray());
            Assert.Equal(memory.Label("sem").data<long>().ToArray(), file.Label("sem").data<long>().ToArray());
            Assert.Equal(memory.Label("geo").data<long>().ToArray(), file.Label("geo").data<long>().ToArray());
            Assert.True(file.Input("color").sub(memory.Input("color")).abs().max().item<float>() <= 0.5f);
        }

        string run = Path.Combine(folder.Path, "run");
        CliResult trained = Tool.Run(new[] { "train" }.Concat(Model("--data", "nyud:" + root, "--batch", "2", "--epochs", "1", "--out", run, "--json")).ToArray());
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Equal(2, JsonLines(trained.Out)[^1].GetProperty("steps").GetInt64());

        string checkpoint = Path.Combine(run, "last.ckpt");
        CliResult scored = Tool.Run(new[] { "eval" }.Concat(Model("--data", "nyud:" + root, "--weights", checkpoint, "--void-label", "geo=0", "--json")).ToArray());
        Assert.True(scored.ExitCode == 0, scored.Error);
        using (JsonDocument metrics = JsonDocument.Parse(scored.Out))
        {
            Assert.Equal(2, metrics.RootElement.GetProperty("images").GetInt32());
            JsonElement geo = metrics.RootElement.GetProperty("heads")[1];
            Assert.Equal(0, geo.GetProperty("void_label").GetInt64());
            // With background (0) void, no background pixel is a ground truth: its accuracy is 0/0.
            Assert.Equal(JsonValueKind.Null, geo.GetProperty("classes")[0].GetProperty("accuracy").ValueKind);
        }

        string predictions = Path.Combine(folder.Path, "predictions");
        CliResult predicted = Tool.Run(new[] { "predict" }.Concat(Model("--data", "nyud:" + root, "--weights", checkpoint, "--out", predictions)).ToArray());
        Assert.True(predicted.ExitCode == 0, predicted.Error);
        Assert.Equal(2 * 4, Directory.GetFiles(predictions).Length); // 2 validation samples, a mask and an overlay per head
    }

    [Fact]
    public void Data_that_does_not_fit_the_model_is_one_clear_line_and_a_failure()
    {
        // The plain shapes have one input, image: nothing feeds color and depth.
        CliResult plain = Tool.Run(new[] { "train" }.Concat(Model("--data", "synthetic", "--images", "8", "--epochs", "1")).ToArray());
        Assert.Equal(1, plain.ExitCode);
        string line = Assert.Single(plain.ErrorLines);
        Assert.Contains("TinyRgbdFcn reads the inputs color (3 channels), depth (1 channel) but the data has image (3 channels)", line);
        Assert.Contains("--inputs MODEL=DATA", line);

        CliResult mapped = Tool.Run(new[] { "train" }.Concat(Model("--data", "synthetic-rgbd", "--images", "8", "--inputs", "depth=hha")).ToArray());
        Assert.Equal(1, mapped.ExitCode);
        Assert.Contains("input 'depth' is mapped to the data's input 'hha', which the data does not have; it has color (3 channels), depth (1 channel)", mapped.Error);

        CliResult weight = Tool.Run(new[] { "train" }.Concat(Model("--data", "synthetic-rgbd", "--images", "8", "--head-weight", "geo=heavy")).ToArray());
        Assert.Equal(1, weight.ExitCode);
        Assert.Contains("--head-weight geo=heavy: 'heavy' is not a number.", weight.Error);

        CliResult head = Tool.Run(new[] { "train" }.Concat(Model("--data", "synthetic-rgbd", "--images", "8", "--void-label", "depth=0")).ToArray());
        Assert.Equal(1, head.ExitCode);
        Assert.Contains("TinyRgbdFcn has no head 'depth'; its heads are sem, geo.", head.Error);
    }

    [Fact]
    public void A_spec_names_the_model_built_from_it_and_an_edited_copy_is_refused()
    {
        using var folder = new TempFolder();
        CliResult trained = Tool.Run("train", "--spec", ExampleSpecs.PathOf("tiny-fcn8s.fcn.yaml"), "--images", "4", "--batch", "4", "--epochs", "1",
            "--max-steps", "1", "--out", Path.Combine(folder.Path, "run"), "--device", "cpu", "--json");
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Equal("TinyFcn8s", JsonLines(trained.Out)[^1].GetProperty("model").GetString());

        string edited = folder.Write("tiny-fcn8s.fcn.yaml", ExampleSpecs.Text("tiny-fcn8s.fcn.yaml").Replace("out: 16,", "out: 24,"));
        CliResult refused = Tool.Run("eval", "--spec", edited, "--weights", Path.Combine(folder.Path, "run", "last.ckpt"), "--device", "cpu");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("differs from the TinyFcn8s built into fcn", refused.Error);
        Assert.Contains("--assembly <your.dll> --model TinyFcn8s", refused.Error);
    }

    private static JsonElement[] JsonLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
}
