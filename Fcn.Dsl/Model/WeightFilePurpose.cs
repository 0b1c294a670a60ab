namespace Fcn.Dsl.Model;

/// <summary>What a published weight file (<c>weights:</c>, <c>for:</c>) initializes.</summary>
public enum WeightFilePurpose
{
    /// <summary><c>for: model</c>: the model's own trained weights, loaded by state-dict key.</summary>
    Model,

    /// <summary>
    /// <c>for: backbone</c>: an ImageNet classifier whose layers are convolutionalized into the backbone
    /// (the paper's section 3.1; <c>Convolutionalize</c> in Fcn.Runtime).
    /// </summary>
    Backbone,
}
