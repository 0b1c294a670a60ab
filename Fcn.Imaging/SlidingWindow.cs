using System;
using System.Collections.Generic;

namespace Fcn.Imaging;

/// <summary>Tile positions covering an image: stride tile - overlap, the last tile flush with the far edge.</summary>
public static class SlidingWindow
{
    /// <summary>Start offsets along one side of <paramref name="length"/> pixels.</summary>
    public static IReadOnlyList<int> Starts(int length, int tile, int overlap)
    {
        if (tile < 1 || overlap < 0 || overlap >= tile)
        {
            throw new ArgumentException($"Tile {tile} with overlap {overlap} does not advance.");
        }

        if (length <= tile)
        {
            return new[] { 0 };
        }

        var starts = new List<int>();
        for (int start = 0; ; start += tile - overlap)
        {
            if (start + tile >= length)
            {
                starts.Add(length - tile);
                return starts;
            }

            starts.Add(start);
        }
    }

    /// <summary>All (top, left) tile corners of a <paramref name="height"/> x <paramref name="width"/> image.</summary>
    public static IReadOnlyList<(int Top, int Left)> Tiles(int height, int width, int tile, int overlap)
    {
        var tiles = new List<(int, int)>();
        foreach (int top in Starts(height, tile, overlap))
        {
            foreach (int left in Starts(width, tile, overlap))
            {
                tiles.Add((top, left));
            }
        }

        return tiles;
    }
}
