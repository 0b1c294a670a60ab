namespace Fcn.Runtime.Data.Synthetic;

/// <summary>The classes of <see cref="SyntheticShapesDataset"/>, as mask indices.</summary>
public enum ShapeClass
{
    /// <summary>Textured background.</summary>
    Background = 0,

    /// <summary>A filled disc.</summary>
    Circle = 1,

    /// <summary>A filled axis-aligned square.</summary>
    Square = 2,

    /// <summary>A filled upright equilateral triangle.</summary>
    Triangle = 3,
}
