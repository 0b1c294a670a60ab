namespace Fcn.Runtime.Data;

/// <summary>What the values of a sample's input are, and so what the loader still does to them.</summary>
public enum InputEncoding
{
    /// <summary>An 8-bit image, 0..255 per channel in RGB order: normalized by the loader (the input's own
    /// <see cref="SampleInputInfo.Normalization"/>, else the model's convention), augmented like the colour image.</summary>
    Image,

    /// <summary>Already what the network reads (log-normalized depth): the loader passes it through unchanged.</summary>
    Normalized,
}
