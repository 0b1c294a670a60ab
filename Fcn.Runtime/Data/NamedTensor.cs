using static TorchSharp.torch;

namespace Fcn.Runtime.Data;

/// <summary>One named tensor of a sample: an input (<c>color</c> <c>[3, H, W]</c>, <c>depth</c> <c>[1, H, W]</c>) or a label mask (<c>sem</c> <c>[H, W]</c>).</summary>
/// <param name="Name">The input's or label's name in the dataset.</param>
/// <param name="Tensor">The values, on the CPU.</param>
public sealed record NamedTensor(string Name, Tensor Tensor);
