namespace Fcn.Cli.Infrastructure;

/// <summary>The process exit codes of <c>fcn</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found errors (invalid specs, a failed run), or could not start (bad input).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is malformed (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Something went wrong that is not the user's to fix: a bug in fcn or a library.</summary>
    public const int InternalError = 3;
}
