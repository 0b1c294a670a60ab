using System.Collections.Generic;

namespace Fcn.Runtime.Data.Binding;

/// <summary>Overrides of <see cref="DataBinding.Create"/>'s name matching, all keyed by the model's names.</summary>
/// <param name="Inputs">Model input -> dataset input (<c>depth</c> -> <c>hha</c>), where the names differ.</param>
/// <param name="Labels">Head -> dataset label, where the names differ.</param>
/// <param name="VoidLabels">Head -> its void label, instead of the dataset's.</param>
/// <param name="HeadWeights">Head -> the factor of its loss (default 1).</param>
public sealed record DataBindingOptions(
    IReadOnlyDictionary<string, string>? Inputs = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, long>? VoidLabels = null,
    IReadOnlyDictionary<string, double>? HeadWeights = null);
