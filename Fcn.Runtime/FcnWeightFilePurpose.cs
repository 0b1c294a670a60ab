namespace Fcn.Runtime;

/// <summary>What a published weight file (<see cref="FcnWeightFileInfo"/>) initializes.</summary>
public enum FcnWeightFilePurpose
{
    /// <summary>The model's own trained weights, loaded by state-dict key (<c>WeightLoader</c>).</summary>
    Model,

    /// <summary>
    /// An ImageNet classifier whose layers are convolutionalized into the backbone (the paper's section 3.1;
    /// <c>Convolutionalize</c>): where training starts, not weights to evaluate.
    /// </summary>
    Backbone,
}
