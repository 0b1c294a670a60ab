using System.Globalization;
using Fcn.Cli.Infrastructure;

namespace Fcn.Cli.Summary;

/// <summary>An input image size given as <c>HxW</c> (height first, as tensors are laid out).</summary>
internal readonly record struct InputSize(int Height, int Width)
{
    /// <summary>The PASCAL VOC scale the paper's timings and the reference's 22x22 pool5 refer to.</summary>
    public static InputSize Default => new(500, 500);

    /// <summary>Parses <c>500x500</c> (or <c>500X500</c>); both sides must be positive integers.</summary>
    /// <exception cref="UserError">The text is not of that form.</exception>
    public static InputSize Parse(string text, string option)
    {
        string[] parts = text.Trim().Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && height > 0 && width > 0)
        {
            return new InputSize(height, width);
        }

        throw new UserError($"{option} '{text}' is not a size; write height x width in pixels, e.g. {option} 500x500.");
    }

    public override string ToString() =>
        Height.ToString(CultureInfo.InvariantCulture) + "x" + Width.ToString(CultureInfo.InvariantCulture);
}
