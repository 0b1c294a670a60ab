namespace Fcn.Runtime;

/// <summary>
/// One declared input of a generated network (the spec's <c>inputs:</c>, or the single <c>input</c>), built
/// from constants by the generator; the parameter order is part of the generator contract.
/// </summary>
/// <param name="Name">The input's name: <c>input</c> for a spec without <c>inputs:</c>, else the declared one (<c>color</c>, <c>depth</c>, <c>hha</c>).</param>
/// <param name="Channels">Its channel count (3 for color, 1 for depth).</param>
public sealed record FcnInputInfo(string Name, int Channels);
