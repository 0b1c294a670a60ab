using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>An entry of <c>outputs:</c>: the output's name (where written) and the node it returns.</summary>
internal sealed record OutputDeclaration(string Name, SourceSpan NameSpan, Reference Node);
