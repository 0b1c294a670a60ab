using Fcn.Dsl;
using Fcn.Dsl.Diagnostics;

namespace Fcn.Generator.Pipeline;

/// <summary>
/// The outcome of parsing one spec: the syntax, or, if the parser itself failed (a bug), the
/// diagnostic that says so. Equatable, so an unchanged file keeps every later step cached.
/// </summary>
internal sealed record ParsedSpec(string Path, SpecFile? File, SpecDiagnostic? Failure);
