using System.IO;
using Fcn.Export.PyTorch;
using Xunit;

namespace Fcn.Export.Tests.PyTorch;

/// <summary><c>fcn export SPEC --format pytorch --out F.py</c>: the module of the spec's IR and the training script beside it.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public void The_module_and_the_training_script_are_written_side_by_side()
    {
        using var folder = new TemporaryFolder("fcn-export-");
        string module = folder.File("tiny_fcn8s.py");

        FcnCommand.Result result = FcnCommand.Run("export", Path.Combine(ExportedModels.ExampleSpecs, "tiny-fcn8s.fcn.yaml"), "--format", "pytorch", "--out", module);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(PyTorchModuleWriter.Write(ExportedModels.Model("TinyFcn8s")), File.ReadAllText(module));
        Assert.Equal(TrainingScript.Text, File.ReadAllText(folder.File(TrainingScript.FileName)));
        Assert.Contains("class TinyFcn8s(nn.Module):", File.ReadAllText(module));
    }

    [Fact]
    public void An_unknown_format_fails_and_writes_nothing()
    {
        using var folder = new TemporaryFolder("fcn-export-");

        FcnCommand.Result result = FcnCommand.Run("export", Path.Combine(ExportedModels.ExampleSpecs, "tiny-fcn8s.fcn.yaml"), "--format", "caffe", "--out", folder.File("x.py"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--format 'caffe'", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
