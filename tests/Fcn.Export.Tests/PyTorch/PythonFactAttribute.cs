using Xunit;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>A test that needs PyTorch: skipped with the install hint when torch is missing, except under CI=true, where it runs and fails.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (PythonTorch.Missing is not null && !PythonTorch.IsCi) Skip = PythonTorch.MissingMessage;
    }
}

/// <summary>The <see cref="PythonFactAttribute"/> rule for a theory.</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute()
    {
        if (PythonTorch.Missing is not null && !PythonTorch.IsCi) Skip = PythonTorch.MissingMessage;
    }
}
