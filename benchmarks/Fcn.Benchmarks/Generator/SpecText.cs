using System.Text.RegularExpressions;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// One spec file's text with the two names the benchmarks need before any parsing: the model it
/// declares and the model it extends. Read with a regular expression, so that setting up a benchmark
/// never runs the code being measured.
/// </summary>
public sealed record SpecText(string Path, string Text)
{
    private static readonly Regex ModelLine = new(@"^model:\s*(\S+)", RegexOptions.Multiline);
    private static readonly Regex ExtendsLine = new(@"^extends:\s*(\S+)", RegexOptions.Multiline);

    /// <summary>The file name, e.g. <c>fcn8s.fcn.yaml</c>.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    public string ModelName => ModelLine.Match(Text) is { Success: true } match
        ? match.Groups[1].Value
        : throw new System.InvalidOperationException(Path + " declares no 'model:'.");

    public string? Extends => ExtendsLine.Match(Text) is { Success: true } match ? match.Groups[1].Value : null;
}
