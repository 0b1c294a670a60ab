using System;

namespace Fcn.Runtime.Data;

/// <summary>A sample could not be loaded; the message names the sample and the offending file.</summary>
public sealed class SampleLoadException : Exception
{
    /// <summary>Creates the exception for sample <paramref name="sampleName"/> and file <paramref name="path"/>.</summary>
    public SampleLoadException(string sampleName, string path, string reason, Exception? inner = null)
        : base($"Sample '{sampleName}': {reason} ({path})", inner)
    {
        SampleName = sampleName;
        FilePath = path;
    }

    /// <summary>The sample that failed.</summary>
    public string SampleName { get; }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }
}
