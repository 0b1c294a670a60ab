using System;
using static TorchSharp.torch;

namespace Fcn.Runtime;

/// <summary>
/// The one check behind the trainer, the predictor and the evaluator: they take an <see cref="nn.Module"/>
/// (to move, train and save it) but drive it through <see cref="ISegmentationModel"/>, which every
/// generated FCN implements.
/// </summary>
internal static class SegmentationModels
{
    /// <summary>The model's <see cref="ISegmentationModel"/> face.</summary>
    /// <exception cref="ArgumentException">The module is not a generated FCN.</exception>
    public static ISegmentationModel Require(nn.Module model, string parameterName) =>
        model as ISegmentationModel
        ?? throw new ArgumentException($"{model.GetType().Name} does not implement ISegmentationModel.", parameterName);
}
