using System;

namespace Fcn.Inference;

/// <summary>
/// One network input as the graph takes it: <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/>
/// floats, row-major, already in the model's convention (what a client prepares itself for an input the
/// metadata gives no convention for, such as NYUD's log-depth).
/// </summary>
public sealed record PlanarImage(int Channels, int Height, int Width, float[] Data)
{
    /// <exception cref="ArgumentException">The sizes are not positive, or <see cref="Data"/> does not hold C * H * W values.</exception>
    public void Validate(string name)
    {
        if (Channels < 1 || Height < 1 || Width < 1)
            throw new ArgumentException($"Input '{name}' is {Channels}x{Height}x{Width}; channels, height and width must be positive.", nameof(name));
        if (Data is null || Data.LongLength != (long)Channels * Height * Width)
            throw new ArgumentException($"Input '{name}' holds {Data?.LongLength ?? 0} values; a {Channels}x{Height}x{Width} image needs {(long)Channels * Height * Width}.", nameof(name));
    }
}
