namespace Fcn.Dsl.Diagnostics;

/// <summary>
/// A place in a spec file. Lines and columns are 1-based, as YAML parsers and editors count them;
/// the generator converts to Roslyn's 0-based positions at the boundary.
/// </summary>
public sealed record SourceSpan(string Path, int StartLine, int StartColumn, int EndLine, int EndColumn, int StartOffset, int EndOffset)
{
    public static SourceSpan StartOf(string path) => new(path, 1, 1, 1, 1, 0, 0);

    public override string ToString() => $"{Path}({StartLine},{StartColumn})";
}
