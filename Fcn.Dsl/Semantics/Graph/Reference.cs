using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>A name written in a spec that must resolve to a node (a <c>from</c>, an <c>inputs</c> item, a <c>to</c>).</summary>
internal readonly record struct Reference(string Name, SourceSpan Span);
