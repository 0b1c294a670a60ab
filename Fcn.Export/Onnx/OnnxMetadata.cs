using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fcn.Dsl.Model;
using Onnx;

namespace Fcn.Export.Onnx;

/// <summary>
/// The model's <c>metadata_props</c>: what a deployment needs to feed and read the graph without the
/// spec at hand. Keys are prefixed <c>fcn.</c>; lists are comma-separated, numbers invariant. The ONNX
/// engine (Fcn.Inference's ExportedModelMetadata) reads the same keys.
/// </summary>
/// <remarks>
/// Per input: <c>fcn.inputs</c> (the graph inputs in the spec's order), <c>fcn.input.NAME.channels</c> and,
/// where known, <c>fcn.input.NAME.normalization</c> (<c>.bgr</c>, <c>.scale</c>, <c>.mean</c>, <c>.std</c>).
/// Per output: <c>fcn.outputs</c> and <c>fcn.output.NAME.classes</c> (SIFT Flow: sem 33, geo 3); a multi-task
/// net lists its tasks' outputs in <c>fcn.heads</c> (those with their own class count).
/// <c>fcn.classes</c> is the first output's count and <c>fcn.normalization</c> the single input's
/// convention, as before there were several.
/// </remarks>
internal static class OnnxMetadata
{
    public static void Write(ModelProto proto, FcnModel model, ClassCounts classes, OnnxExportOptions options)
    {
        Add(proto, "fcn.model", model.TypeName);
        Add(proto, "fcn.classes", Number(OutputClasses(model, model.Outputs[0], classes)));
        if (options.ClassNames is { } names) Add(proto, "fcn.class_names", string.Join(",", names));
        Add(proto, "fcn.output_stride", model.OutputStride.ToString(CultureInfo.InvariantCulture));
        Add(proto, "fcn.outputs", string.Join(",", model.Outputs.Select(output => output.Name)));
        foreach (ModelOutput output in model.Outputs)
            Add(proto, "fcn.output." + output.Name + ".classes", Number(OutputClasses(model, output, classes)));
        // The tasks of a multi-task net: the outputs that declare their own class count (SIFT Flow's sem, geo), not an auxiliary 'aux'.
        if (model.ClassCounts.IsMultiTask) Add(proto, "fcn.heads", string.Join(",", model.Outputs.Where(output => output.Classes is not null).Select(output => output.Name)));
        if (options.Normalization is { } normalization) Normalization(proto, "fcn.normalization", normalization);

        IReadOnlyList<Node> inputs = model.InputNodes;
        Add(proto, "fcn.inputs", string.Join(",", inputs.Select(input => input.Name)));
        foreach (Node input in inputs)
        {
            Add(proto, "fcn.input." + input.Name + ".channels", Number(input.Analysis.Channels.Evaluate(classes)));
            // The model-wide convention is an RGB image's: it applies to the 3-channel inputs the per-input ones leave out.
            InputNormalization? own = options.InputNormalizations is { } byName && byName.TryGetValue(input.Name, out InputNormalization? named)
                ? named
                : input.Analysis.Channels == ChannelCount.Of(3) ? options.Normalization : null;
            if (own is not null) Normalization(proto, "fcn.input." + input.Name + ".normalization", own);
        }

        Add(proto, "fcn.spec", model.CanonicalSpec);
    }

    /// <summary>The channels the output's node has: its class count (score maps have one channel per class).</summary>
    private static long OutputClasses(FcnModel model, ModelOutput output, ClassCounts classes) =>
        model.Nodes.First(node => node.Name == output.Node).Analysis.Channels.Evaluate(classes);

    private static void Normalization(ModelProto proto, string prefix, InputNormalization normalization)
    {
        Add(proto, prefix, normalization.Name);
        Add(proto, prefix + ".bgr", normalization.ToBgr ? "true" : "false");
        Add(proto, prefix + ".scale", Number(normalization.Scale));
        Add(proto, prefix + ".mean", string.Join(",", normalization.Mean.Select(Number)));
        Add(proto, prefix + ".std", string.Join(",", normalization.Std.Select(Number)));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Add(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
