using System.IO;
using System.Linq;
using System.Text.Json;
using Fcn.Cli.Tests.Support;
using Xunit;

namespace Fcn.Cli.Tests.Running;

/// <summary><c>fcn train</c>'s solver and loss options: accepted together, and each bad value named with what to do.</summary>
public sealed class TrainingRecipeTests
{
    [Fact]
    public void The_papers_solver_summed_loss_class_weights_sampling_and_accumulation_train()
    {
        using var folder = new TempFolder();

        // 8 images in batches of 2, two batches per optimizer step: 2 steps in the epoch.
        CliResult result = Tool.Run("train", "--model", "TinyFcn8s", "--images", "8", "--batch", "2", "--accumulate", "2",
            "--epochs", "1", "--solver", "paper", "--lr", "1e-6", "--loss", "sum", "--class-weights", "0.5,1,1,1",
            "--loss-sampling", "0.5", "--out", Path.Combine(folder.Path, "run"), "--device", "cpu", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        JsonElement[] steps = result.Out.Split('\n')
            .Where(line => line.StartsWith("{", System.StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "step")
            .ToArray();
        Assert.Equal(new long[] { 1, 2 }, steps.Select(e => e.GetProperty("step").GetInt64()));
        // The paper's solver keeps the learning rate fixed.
        Assert.All(steps, e => Assert.Equal(1e-6, e.GetProperty("lr").GetDouble(), 12));
    }

    [Theory]
    [InlineData("--class-weights", "1,1", "2 weights for 4 classes")]
    [InlineData("--class-weights", "1,x,1,1", "'x' is not a weight")]
    [InlineData("--class-weights", "0,0,0,0", "at least one class needs a positive weight")]
    [InlineData("--loss", "median", "use mean or sum")]
    [InlineData("--solver", "adam", "use torchvision or paper")]
    [InlineData("--loss-sampling", "1.5", "in (0, 1]")]
    [InlineData("--accumulate", "0", "at least one batch")]
    [InlineData("--lr", "-1", "must be a positive number")]
    public void A_bad_recipe_value_is_named_with_what_to_do(string option, string value, string advice)
    {
        CliResult result = Tool.Run("train", "--model", "TinyFcn8s", "--images", "8", option, value, "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains(option + " ", line);
        Assert.Contains(advice, line);
    }
}
