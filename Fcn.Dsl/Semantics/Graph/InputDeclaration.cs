using Fcn.Dsl.Diagnostics;

namespace Fcn.Dsl.Semantics.Graph;

/// <summary>
/// One input of the network: <c>input</c> with <c>input_channels:</c> for a spec without <c>inputs:</c>,
/// else one entry of <c>inputs: { color: 3, hha: 3 }</c> (where written, for the unused-input warning).
/// </summary>
internal sealed record InputDeclaration(string Name, int Channels, SourceSpan Span);
