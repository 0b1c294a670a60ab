namespace Fcn.Benchmarks.BuildTime;

/// <summary>The two ways the same 50 models get into a project.</summary>
public enum BuildProjectVariant
{
    /// <summary>The specs are AdditionalFiles and Fcn.Generator runs in the compiler.</summary>
    Generator,

    /// <summary>The generator's output is checked in as ordinary C# and no generator is referenced.</summary>
    CheckedIn,
}
