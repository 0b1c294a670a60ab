using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>A feature the head may read: tap <see cref="Name"/> is the output of backbone layer <see cref="Layer"/>.</summary>
/// <param name="IsExplicit">Written in <c>taps:</c> (so an unused one is worth a warning), not implied by a catalogue or by omission.</param>
internal sealed record TapDeclaration(string Name, string Layer, SourceSpan Span, bool IsExplicit);
