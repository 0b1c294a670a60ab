using System;

namespace Fcn.Inference;

/// <summary>The engine cannot load or run a model; the message names the file or input and what to do.</summary>
public sealed class OnnxEngineException : Exception
{
    public OnnxEngineException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
