using System.Linq;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Support;

internal static class Tensors
{
    /// <summary>Exact equality of shape and every element (Tensor.equal is element-wise in TorchSharp).</summary>
    public static bool Identical(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public static float[] Floats(Tensor t) => t.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();

    public static long[] Longs(Tensor t) => t.to(ScalarType.Int64).cpu().contiguous().data<long>().ToArray();
}
