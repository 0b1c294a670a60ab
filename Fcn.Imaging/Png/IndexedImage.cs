namespace Fcn.Imaging.Png;

/// <summary>A single-channel 8-bit image: palette indices or grey values, row-major.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Pixels">Width * Height values, row after row.</param>
public sealed record IndexedImage(int Width, int Height, byte[] Pixels);
