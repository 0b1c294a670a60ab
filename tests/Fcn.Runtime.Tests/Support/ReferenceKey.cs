using System.Collections.Generic;

namespace Fcn.Runtime.Tests.Support;

/// <summary>One state-dict entry of a reference network: key, shape and dtype as PyTorch reports them.</summary>
internal sealed record ReferenceKey(string Key, IReadOnlyList<long> Shape, string DType);
