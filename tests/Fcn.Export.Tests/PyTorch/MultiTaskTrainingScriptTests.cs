using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Fcn.Export.PyTorch;
using Fcn.Tests.Models;
using Xunit;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// train_ddp.py trains the zoo's kinds of nets as fcn train does: several inputs read by name from NYUD's layout,
/// several heads each with its own loss weight and void label. TinyRgbdFcn (tests/Shared/Specs: color and depth in,
/// heads sem and geo) is exported, trained in one process on the folder fcn data synthetic --layout nyud writes, and
/// its checkpoint scored by fcn eval, one set of metrics per head. A multi-input net given image/mask folders is
/// refused, by name and before reading any data.
/// </summary>
public sealed class MultiTaskTrainingScriptTests
{
    private static string TinyRgbdSpec => Path.Combine(ExportedModels.RepositoryRoot, "tests", "Shared", "Specs", "tiny-rgbd.fcn.yaml");

    [PythonFact]
    public void A_two_input_two_head_net_trains_on_the_nyud_layout_and_fcn_eval_scores_both_heads()
    {
        PythonTorch.Require();
        using var folder = new TemporaryFolder("fcn-ddp-rgbd-");
        string data = folder.File("rgbd"), run = folder.File("run"), module = folder.File("tiny_rgbd.py");
        FcnCommand.Result written = FcnCommand.Run("data", "synthetic", "--layout", "nyud", "--out", data, "--images", "8", "--val-images", "2", "--size", "32");
        Assert.True(written.ExitCode == 0, written.Error);
        FcnCommand.Result exported = FcnCommand.Run("export", TinyRgbdSpec, "--format", "pytorch", "--out", module);
        Assert.True(exported.ExitCode == 0, exported.Error);

        PythonProcess.Result trained = PythonProcess.Start(folder.File(TrainingScript.FileName),
            new[]
            {
                "--module", module, "--data", "nyud:" + data, "--out", run, "--epochs", "2", "--batch", "2", "--lr", "0.05",
                "--normalization", "torchvision", "--head-weight", "geo=0.5", "--void-label", "geo=255", "--device", "cpu", "--threads", "1",
            }, environment: null).Wait(TimeSpan.FromMinutes(3));
        Assert.True(trained.ExitCode == 0, trained.Error);

        JsonElement[] events = trained.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
        Assert.Equal(new[] { "color", "depth" }, events[0].GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "sem", "geo" }, events[0].GetProperty("heads").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(8, events[0].GetProperty("steps").GetInt32()); // 8 samples, batches of 2, 2 epochs
        Assert.All(events.Where(e => e.GetProperty("event").GetString() == "epoch"), e => Assert.True(double.IsFinite(e.GetProperty("loss").GetDouble())));

        FcnCommand.Result scored = FcnCommand.Run("eval", "--assembly", typeof(TinyRgbdFcn).Assembly.Location, "--model", "TinyRgbdFcn",
            "--normalization", "torchvision", "--weights", Path.Combine(run, "last.pt"), "--data", "nyud:" + data, "--device", "cpu", "--json");
        Assert.True(scored.ExitCode == 0, scored.Error);
        using JsonDocument metrics = JsonDocument.Parse(scored.Output);
        Assert.Equal(new[] { "sem", "geo" }, metrics.RootElement.GetProperty("heads").EnumerateArray().Select(h => h.GetProperty("head").GetString()));
    }

    [PythonFact]
    public void A_multi_input_net_given_image_folders_is_refused_with_what_to_give_it()
    {
        PythonTorch.Require();
        using var folder = new TemporaryFolder("fcn-ddp-refusal-");
        string module = folder.File("model.py");
        File.WriteAllText(module, PyTorchModuleWriter.Write(ExportedModels.Model("NyudFcn32sColorHha")));
        File.WriteAllText(folder.File(TrainingScript.FileName), TrainingScript.Text);

        PythonProcess.Result result = PythonProcess.Start(folder.File(TrainingScript.FileName),
            new[] { "--module", module, "--data", "folder:" + folder.File("no-data"), "--out", folder.File("run") }, environment: null)
            .Wait(TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NyudFcn32sColorHha takes 2 inputs (color, hha); give their images in NYUD's layout with --data nyud:<root>", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("run")), "the refused run wrote its output folder");
    }
}
