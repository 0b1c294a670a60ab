using Fcn.Runtime.Data.Transforms;

namespace Fcn.Runtime.Data.Binding;

/// <summary>Which of the dataset's inputs feeds one of the model's inputs, and how it is normalized.</summary>
/// <param name="ModelInput">The model's input (<c>color</c>, <c>depth</c>; <c>input</c> for a single-input spec).</param>
/// <param name="Channels">Its channel count.</param>
/// <param name="DataInput">The dataset's input that feeds it.</param>
/// <param name="Encoding">Whether the loader normalizes it.</param>
/// <param name="Normalization">The input's own convention, or null for the model's.</param>
public sealed record InputBinding(string ModelInput, int Channels, string DataInput, InputEncoding Encoding, ImageNormalization? Normalization);
