using System.Collections.Generic;

namespace Fcn.Export.Onnx;

/// <summary>What an export needs beyond the spec's IR and its weights.</summary>
/// <param name="Classes">The class count the weights were built for; null = the spec's <c>classes:</c>.</param>
/// <param name="Parameters">Values of the spec's <c>parameters:</c> the model was built with; absent ones take their defaults.</param>
/// <param name="ClassNames">The classes' names in index order, when known (VOC's for the paper's nets); written to the metadata.</param>
/// <param name="Normalization">
/// The input convention the weights expect; written to the metadata for the engine and for clients. For a spec with
/// several inputs it is the convention of those that <paramref name="InputNormalizations"/> does not name.
/// </param>
/// <param name="OutputClasses">
/// For a multi-task spec (SIFT Flow's <c>sem</c> and <c>geo</c>): the class counts of the outputs that declare their
/// own, by output name; absent ones keep the spec's (<c>outputs: { geo: { classes: 3 } }</c>).
/// </param>
/// <param name="InputNormalizations">The convention of each named input of a fusion spec (NYUD's <c>color</c>, <c>hha</c>, <c>depth</c>), by input name.</param>
/// <param name="FixedSize">
/// Null (the default): batch, height and width stay symbolic and one file serves every size. Given: the graph inputs
/// have exactly this shape, so ONNX Runtime (or TensorRT) knows every shape when it loads the file, folds the crops'
/// size computations into constants and plans memory once: a deployment at one known size may run faster.
/// </param>
public sealed record OnnxExportOptions(
    int? Classes = null,
    IReadOnlyDictionary<string, double>? Parameters = null,
    IReadOnlyList<string>? ClassNames = null,
    InputNormalization? Normalization = null,
    IReadOnlyDictionary<string, int>? OutputClasses = null,
    IReadOnlyDictionary<string, InputNormalization>? InputNormalizations = null,
    FixedInputSize? FixedSize = null);

/// <summary>A batch, height and width an export is fixed to (<see cref="OnnxExportOptions.FixedSize"/>).</summary>
public sealed record FixedInputSize(int Batch, int Height, int Width);

/// <summary>
/// How an RGB 0..255 image becomes the network's input: optionally reordered to BGR, multiplied by
/// <see cref="Scale"/>, then <c>(x - Mean[c]) / Std[c]</c> per channel (in the reordered channel order).
/// </summary>
/// <param name="Name">The convention's name (<c>caffe</c>, <c>torchvision</c>).</param>
public sealed record InputNormalization(string Name, bool ToBgr, double Scale, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
