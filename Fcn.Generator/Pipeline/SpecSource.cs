namespace Fcn.Generator.Pipeline;

/// <summary>The text of one <c>*.fcn.yaml</c> additional file, as the first value of the pipeline.</summary>
/// <param name="Path">The file's path as the build gave it (diagnostics point there).</param>
/// <param name="Text">The whole file.</param>
internal sealed record SpecSource(string Path, string Text);
