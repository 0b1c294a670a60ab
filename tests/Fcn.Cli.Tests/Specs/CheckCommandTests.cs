using System.IO;
using Fcn.Cli.Tests.Support;
using Fcn.Tests.Shared;
using Xunit;

namespace Fcn.Cli.Tests.Specs;

/// <summary><c>fcn check</c>: diagnostics in the compiler's format on stderr, a count line, the exit code.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public void The_example_folder_is_clean()
    {
        CliResult result = Tool.Run("check", ExampleSpecs.Directory);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        // examples/specs holds eighteen specs of one model each: the eight VOC-era ones and the ten of the
        // reference zoo beyond VOC (NYUDv2, SIFT Flow, PASCAL-Context).
        Assert.Equal("18 specs, 18 models, 0 errors, 0 warnings\n", result.Out);
    }

    [Fact]
    public void An_error_is_printed_with_path_line_and_column_and_fails_the_check()
    {
        using var folder = new TempFolder();
        string spec = folder.Write("broken.fcn.yaml", SmallSpecs.UnknownBackbone);

        CliResult result = Tool.Run("check", spec);

        Assert.Equal(1, result.ExitCode);
        // "backbone: " is 10 characters, so the value starts in column 11 of line 3.
        Assert.StartsWith(spec + "(3,11): error FCN0101: 'vgg17'", result.ErrorLines[0]);
        Assert.StartsWith("1 spec, 0 models, ", result.Out);
        Assert.DoesNotContain(" 0 errors", result.Out);
    }

    [Fact]
    public void A_warning_is_reported_but_passes()
    {
        using var folder = new TempFolder();
        string spec = folder.Write("small.fcn.yaml", SmallSpecs.WithUnusedNode);

        CliResult result = Tool.Run("check", spec);

        Assert.Equal(0, result.ExitCode);
        // "  - { name: " is 12 characters: the unused node's name starts in column 13 of line 9.
        Assert.Equal(spec + "(9,13): warning FCN1001: ", Assert.Single(result.ErrorLines).Substring(0, spec.Length + 25));
        Assert.Equal("1 spec, 1 model, 0 errors, 1 warning\n", result.Out);
    }

    [Fact]
    public void Warnaserror_reports_the_warning_as_an_error_and_fails()
    {
        using var folder = new TempFolder();
        string spec = folder.Write("small.fcn.yaml", SmallSpecs.WithUnusedNode);

        CliResult result = Tool.Run("check", spec, "--warnaserror");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(spec + "(9,13): error FCN1001: ", Assert.Single(result.ErrorLines));
        Assert.Equal("1 spec, 1 model, 1 error, 0 warnings\n", result.Out);
    }

    [Fact]
    public void Extends_resolves_across_the_files_checked_together()
    {
        using var folder = new TempFolder();
        string parent = folder.Write("small.fcn.yaml", SmallSpecs.Small);
        string child = folder.Write("wider.fcn.yaml", "model: Wider\nextends: Small\nclasses: 5\n");

        CliResult together = Tool.Run("check", parent, child);
        CliResult alone = Tool.Run("check", child);

        Assert.Equal(0, together.ExitCode);
        Assert.Equal("2 specs, 2 models, 0 errors, 0 warnings\n", together.Out);
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("error FCN0302", alone.Error); // unknown parent
    }

    [Fact]
    public void A_missing_path_is_a_one_line_error_that_names_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-spec.fcn.yaml");

        CliResult result = Tool.Run("check", missing);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("fcn: " + missing + ": no such file or folder", line);
    }

    [Fact]
    public void A_folder_without_specs_is_an_error()
    {
        using var folder = new TempFolder();

        CliResult result = Tool.Run("check", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("contains no *.fcn.yaml", Assert.Single(result.ErrorLines));
    }
}
