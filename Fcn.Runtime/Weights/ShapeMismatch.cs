using System.Collections.Generic;

namespace Fcn.Runtime.Weights;

/// <summary>A key present on both sides whose tensors differ in shape (e.g. a score layer for another class count).</summary>
/// <param name="Key">The module's key.</param>
/// <param name="Expected">The module's shape.</param>
/// <param name="Found">The shape in the source state dict.</param>
public sealed record ShapeMismatch(string Key, IReadOnlyList<long> Expected, IReadOnlyList<long> Found);
