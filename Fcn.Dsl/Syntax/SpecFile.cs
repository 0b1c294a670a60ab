using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Dsl;

/// <summary>
/// One parsed spec file: its documents' syntax (with locations) and its syntax diagnostics. A value:
/// the generator's pipeline caches on its equality, so parsing the same text twice gives equal files.
/// </summary>
/// <param name="Path">The path the file was parsed under; every location in it refers to it.</param>
/// <param name="Documents">One spec per YAML document, in file order.</param>
/// <param name="Diagnostics">Problems found while reading the YAML (syntax, duplicate keys, ...).</param>
public sealed record SpecFile(string Path, EquatableArray<Syntax.SpecDocument> Documents, EquatableArray<SpecDiagnostic> Diagnostics);
