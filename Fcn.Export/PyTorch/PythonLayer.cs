using System.Collections.Generic;

namespace Fcn.Export.PyTorch;

/// <summary>
/// One layer of the emitted class: the expression that builds it (assigned to the node's attribute) and the
/// statements that initialize it afterwards, as the spec asks (<c>init:</c>, bilinear upsampling, frozen weights).
/// </summary>
internal sealed record PythonLayer(string Creation, IReadOnlyList<string> Initialization)
{
    public static PythonLayer Of(string creation) => new(creation, System.Array.Empty<string>());
}
