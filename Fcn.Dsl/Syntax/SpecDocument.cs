namespace Fcn.Dsl.Syntax;

/// <summary>
/// One YAML document of a spec file: one spec. <see cref="LeadingComment"/> is the comment block
/// written above the document's first key; it describes the model when <c>description:</c> is absent.
/// </summary>
public sealed record SpecDocument(MappingNode Root, string? LeadingComment);
