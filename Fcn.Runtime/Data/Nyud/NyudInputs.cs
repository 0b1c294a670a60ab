using Fcn.Runtime.Data.Transforms;

namespace Fcn.Runtime.Data.Nyud;

/// <summary>The inputs of NYUDv2's layout and how the Caffe reference's data layer (<c>nyud_layers.py</c>) prepares each.</summary>
public static class NyudInputs
{
    /// <summary>The colour image's name (folder <c>color/</c>).</summary>
    public const string Color = "color";

    /// <summary>The depth map's name (folder <c>depth/</c>, 16-bit PNGs).</summary>
    public const string Depth = "depth";

    /// <summary>The HHA image's name (folder <c>hha/</c>: horizontal disparity, height above ground, angle, as 8-bit RGB).</summary>
    public const string Hha = "hha";

    /// <summary>HHA as the reference prepares it: channels reversed, its own mean (132.431, 94.076, 118.477) subtracted, no scaling.</summary>
    public static ImageNormalization HhaNormalization { get; } = ImageNormalization.CaffeWithMean("nyud-hha", 132.431, 94.076, 118.477);

    /// <summary>The colour input: a 0..255 RGB image in the model's convention (for the NYUD nets Caffe's BGR minus a mean;
    /// the reference subtracts NYUD's own colour mean, (116.190, 97.203, 92.318), which <c>--normalization</c> cannot name yet).</summary>
    public static SampleInputInfo ColorInfo { get; } = new(Color, 3);

    /// <summary>The depth input: log-normalized as it is loaded (<see cref="Depth.LogDepth"/>).</summary>
    public static SampleInputInfo DepthInfo { get; } = new(Depth, 1, InputEncoding.Normalized);

    /// <summary>The HHA input.</summary>
    public static SampleInputInfo HhaInfo { get; } = new(Hha, 3, InputEncoding.Image, HhaNormalization);
}
