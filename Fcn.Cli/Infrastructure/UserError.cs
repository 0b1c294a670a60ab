using System;

namespace Fcn.Cli.Infrastructure;

/// <summary>
/// A failure the user can fix: a missing file, an unknown model, a malformed option. The message is
/// the whole story (it names the file or value and says what to do), so it is printed as one line
/// without a stack trace.
/// </summary>
internal sealed class UserError : Exception
{
    public UserError(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
