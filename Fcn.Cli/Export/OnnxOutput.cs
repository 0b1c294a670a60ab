using System;
using System.IO;
using Fcn.Cli.Infrastructure;

namespace Fcn.Cli.Export;

/// <summary>Turns a failure to write an export into one line that names the path and what to do.</summary>
internal static class OnnxOutput
{
    /// <exception cref="UserError">The path cannot be written (missing folder, permissions, a full disk).</exception>
    public static void Guard(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot be written ({exception.Message}); choose a path in a writable folder. Nothing was written.", exception);
        }
    }
}
