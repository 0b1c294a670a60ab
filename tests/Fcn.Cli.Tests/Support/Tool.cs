using System.Globalization;
using System.IO;

namespace Fcn.Cli.Tests.Support;

/// <summary>What one in-process run of <c>fcn</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The error stream's lines, without the empty last one.</summary>
    public string[] ErrorLines => Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the tool the way a user would, but in-process, capturing both streams.</summary>
internal static class Tool
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var error = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        int code = FcnApp.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
