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
internal static class OnnxMetadata
{
    public static void Write(ModelProto proto, FcnModel model, int classes, OnnxExportOptions options)
    {
        Add(proto, "fcn.model", model.TypeName);
        Add(proto, "fcn.classes", classes.ToString(CultureInfo.InvariantCulture));
        if (options.ClassNames is { } names) Add(proto, "fcn.class_names", string.Join(",", names));
        Add(proto, "fcn.output_stride", model.OutputStride.ToString(CultureInfo.InvariantCulture));
        Add(proto, "fcn.outputs", string.Join(",", model.Outputs.Select(output => output.Name)));
        if (options.Normalization is { } normalization)
        {
            Add(proto, "fcn.normalization", normalization.Name);
            Add(proto, "fcn.normalization.bgr", normalization.ToBgr ? "true" : "false");
            Add(proto, "fcn.normalization.scale", Number(normalization.Scale));
            Add(proto, "fcn.normalization.mean", string.Join(",", normalization.Mean.Select(Number)));
            Add(proto, "fcn.normalization.std", string.Join(",", normalization.Std.Select(Number)));
        }

        Add(proto, "fcn.spec", model.CanonicalSpec);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Add(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
