using System;

namespace Fcn.Runtime.Data;

/// <summary>
/// A small deterministic random stream (SplitMix64) keyed by a seed and a path of integers, e.g.
/// <c>(seed, epoch, sampleIndex)</c>.
/// </summary>
/// <remarks>
/// Why not <see cref="System.Random"/>: its state cannot be saved or restored, and a resumed run must
/// replay exactly the same shuffles, augmentations and loss samples. Deriving every random decision from
/// the key of the thing being decided (which epoch, which sample, which step) makes the whole data
/// pipeline a pure function of the seed, so resuming at step k needs only the seed and k.
/// </remarks>
public sealed class KeyedRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Creates the stream for <paramref name="seed"/> and the given key path.</summary>
    public KeyedRandom(long seed, params long[] keys)
    {
        _state = Mix((ulong)seed + Golden);
        foreach (long key in keys)
        {
            _state = Mix(_state ^ Mix((ulong)key + Golden));
        }
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        }

        // Multiply-shift maps 32 random bits onto the range without a division.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A fair coin.</summary>
    public bool NextBool() => (NextUInt64() >> 63) == 1;

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(T[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
