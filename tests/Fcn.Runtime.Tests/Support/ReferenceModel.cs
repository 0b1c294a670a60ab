using System.Collections.Generic;

namespace Fcn.Runtime.Tests.Support;

/// <summary>A reference network's state-dict layout (from <c>&lt;model&gt;.keys.json</c>) and its parameter count.</summary>
internal sealed record ReferenceModel(long Parameters, IReadOnlyList<ReferenceKey> Keys);
