using System;

namespace Fcn.Runtime.Data.Binding;

/// <summary>
/// The data does not fit the model: an input the model reads that the samples lack, channels that differ, a
/// head with no label, labels with more classes than a head predicts. The message says what the model
/// expects, what the data has and what to do.
/// </summary>
public sealed class DataMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataMismatchException(string message)
        : base(message)
    {
    }
}
