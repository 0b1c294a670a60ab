using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl;

/// <summary>One parsed spec file: its documents' syntax (with locations) and its syntax diagnostics. Equatable.</summary>
public sealed record SpecFile(string Path, EquatableArray<SpecDiagnostic> Diagnostics);
