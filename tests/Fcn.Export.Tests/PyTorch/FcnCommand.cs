using System.IO;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>The <c>fcn</c> tool run in-process, as a user would run it: exit code, standard output and error.</summary>
internal static class FcnCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Fcn.Cli.FcnApp.Run(arguments, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}
