using System;
using System.IO;
using Fcn.Export.PyTorch;
using Xunit;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// train_ddp.py feeds one image tensor and scores one class count, so it refuses, by name and before reading any
/// data, the zoo's nets with several inputs (NYUD color + HHA) or with per-output class counts (SIFT Flow), whose
/// training is not implemented yet, instead of failing later inside forward or the loss.
/// </summary>
public sealed class TrainingRefusalTests
{
    [PythonTheory]
    [InlineData("NyudFcn32sColorHha", "takes 2 inputs (color, hha)")]
    [InlineData("SiftFlowFcn8s", "predicts per-output class counts (classes_sem, classes_geo)")]
    public void The_training_script_refuses_a_model_it_cannot_train_with_a_message_naming_why(string name, string why)
    {
        PythonTorch.Require();
        using var folder = new TemporaryFolder("fcn-ddp-refusal-");
        string module = folder.File("model.py");
        File.WriteAllText(module, PyTorchModuleWriter.Write(ExportedModels.Model(name)));
        File.WriteAllText(folder.File(TrainingScript.FileName), TrainingScript.Text);

        PythonProcess.Result result = PythonProcess.Start(folder.File(TrainingScript.FileName),
            new[] { "--module", module, "--data", "folder:" + folder.File("no-data"), "--out", folder.File("run") }, environment: null)
            .Wait(TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(name + " " + why, result.Error, StringComparison.Ordinal);
        Assert.Contains("not implemented yet", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("run")), "the refused run wrote its output folder");
    }
}
