using System.Linq;
using Google.Protobuf;
using Onnx;

namespace Fcn.Export.Onnx;

/// <summary>ONNX node attributes, typed (AttributeProto's <c>type</c> must name the field that is set).</summary>
internal static class Attributes
{
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>The same value for height and width (the language's kernels, strides and dilations are square).</summary>
    public static AttributeProto Pair(string name, long value) => Ints(name, value, value);

    /// <summary>ONNX pads: [top, left, bottom, right] (x1_begin, x2_begin, x1_end, x2_end), all equal here.</summary>
    public static AttributeProto Pads(long pad) => Ints("pads", Enumerable.Repeat(pad, 4).ToArray());

    public static AttributeProto Float(string name, double value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Tensor(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };
}
