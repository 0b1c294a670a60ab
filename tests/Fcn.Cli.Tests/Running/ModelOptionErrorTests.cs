using System.IO;
using Fcn.Cli.Tests.Support;
using Xunit;

namespace Fcn.Cli.Tests.Running;

/// <summary>Every bad input to train, eval and predict ends in one line that names it and says what to do.</summary>
public sealed class ModelOptionErrorTests
{
    [Fact]
    public void An_unknown_model_lists_the_built_in_ones()
    {
        CliResult result = Tool.Run("train", "--model", "Fcn4s", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains("--model 'Fcn4s'", line);
        Assert.Contains("TinyFcn8s", line);
        Assert.Contains("FcnResNet101", line);
    }

    [Fact]
    public void An_unknown_data_source_names_the_accepted_ones()
    {
        CliResult result = Tool.Run("train", "--data", "imagenet", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("voc:<VOC root>", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_missing_data_folder_is_named()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fcn-no-such-voc");

        CliResult result = Tool.Run("eval", "--data", "voc:" + missing, "--weights", "w.pt", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("fcn: " + missing + ": no such folder", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_missing_weights_file_is_named_without_a_stack_trace()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fcn-no-such-weights.ckpt");

        CliResult result = Tool.Run("eval", "--weights", missing, "--images", "1", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("fcn: " + missing + ": no such weights file", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Weights_are_required_for_eval()
    {
        CliResult result = Tool.Run("eval", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--weights", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        CliResult result = Tool.Run("trian");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'trian'", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_missing_image_to_predict_is_named()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fcn-no-such-image.png");

        CliResult result = Tool.Run("predict", missing, "--weights", "w.pt", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("fcn: " + missing + ": no such image or folder", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-spec.fcn.yaml");

        CliResult result = Tool.Run("summary", missing, "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("   at ", result.Error);
    }
}
