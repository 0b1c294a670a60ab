using System;
using System.IO;

namespace Fcn.Runtime.Weights;

/// <summary>
/// A weight file could not be read or written: missing, unreadable, corrupt, or in a format this
/// library does not read. The message names the file; the inner exception keeps the library detail.
/// </summary>
public sealed class WeightFileException : IOException
{
    public WeightFileException(string path, string message, Exception? innerException = null)
        : base($"{message} ({path})", innerException)
    {
        Path = path;
    }

    /// <summary>The file that was being read or written.</summary>
    public string Path { get; }
}
