using Fcn.Dsl.Diagnostics;

namespace Fcn.Generator.Pipeline;

/// <summary>One generated C# file, or the diagnostic of an emitter failure (a bug) instead.</summary>
/// <param name="HintName">Unique per model: <c>Namespace.TypeName.g.cs</c>.</param>
internal sealed record GeneratedSource(string HintName, string Text, SpecDiagnostic? Failure);
