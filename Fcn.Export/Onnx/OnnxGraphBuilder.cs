using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Fcn.Export.Onnx;

/// <summary>
/// Appends nodes to an ONNX graph with unique value names, binds weights as initializers named by
/// their state-dict keys, and computes runtime sizes once per tensor (ONNX's <c>Shape</c>), so crops
/// and resizes follow whatever input size arrives. Constants are <c>Constant</c> nodes, so the
/// graph's initializers are exactly the state dict. Operator semantics: onnx/onnx docs/Operators.md.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> heightWidth = new(StringComparer.Ordinal);
    private readonly WeightBinder weights;

    public OnnxGraphBuilder(GraphProto graph, WeightBinder weights)
    {
        Graph = graph;
        this.weights = weights;
    }

    public GraphProto Graph { get; }

    /// <summary>Claims <paramref name="name"/> exactly (graph inputs and outputs); it must be free.</summary>
    public string Reserve(string name)
    {
        if (!names.Add(name)) throw new InvalidOperationException($"ONNX value name '{name}' is taken twice.");
        return name;
    }

    /// <summary>A value name not used yet: <paramref name="hint"/>, else <c>hint_1</c>, <c>hint_2</c>...</summary>
    public string Fresh(string hint)
    {
        if (names.Add(hint)) return hint;
        for (int i = 1; ; i++)
        {
            string candidate = hint + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (names.Add(candidate)) return candidate;
        }
    }

    /// <summary>Adds one node; returns its (single) output's name, a fresh name from <paramref name="output"/>.</summary>
    public string Add(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        string name = Fresh(output);
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return name;
    }

    /// <summary>
    /// The initializer for state-dict key <paramref name="key"/> of <paramref name="shape"/>; a weight that
    /// does not fit is recorded by the binder and left out of the graph (the export fails on the fit).
    /// </summary>
    public string Weight(string key, params long[] shape)
    {
        Reserve(key);
        WeightTensor? tensor = weights.Take(key, shape);
        if (tensor is not null)
        {
            var proto = new TensorProto { Name = key, DataType = (int)TensorProto.Types.DataType.Float };
            proto.Dims.AddRange(shape);
            // ONNX raw_data is little-endian, as float[] is on every platform .NET runs this on.
            proto.RawData = UnsafeByteOperations.UnsafeWrap(new FloatBytes(tensor.Data).Memory);
            Graph.Initializer.Add(proto);
        }

        return key;
    }

    /// <summary>A 1-D int64 constant.</summary>
    public string Int64s(string hint, params long[] values)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return Add("Constant", Array.Empty<string>(), hint, Attributes.Tensor("value", tensor));
    }

    /// <summary>A float32 scalar constant (0-D, so it broadcasts against any tensor).</summary>
    public string Scalar(string hint, double value)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add((float)value);
        return Add("Constant", Array.Empty<string>(), hint, Attributes.Tensor("value", tensor));
    }

    /// <summary>A float32 constant of any shape (fixed, non-learned operands such as a channel band).</summary>
    public string Floats(string hint, long[] shape, float[] values)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.FloatData.AddRange(values);
        return Add("Constant", Array.Empty<string>(), hint, Attributes.Tensor("value", tensor));
    }

    /// <summary>The runtime [height, width] of <paramref name="value"/> (an NCHW tensor), one Shape node per tensor.</summary>
    public string HeightWidth(string value)
    {
        if (heightWidth.TryGetValue(value, out string? known)) return known;
        string size = Add("Shape", new[] { value }, value + "_hw", Attributes.Int("start", 2), Attributes.Int("end", 4));
        heightWidth[value] = size;
        return size;
    }

    /// <summary>
    /// <c>x[:, :, o:o+H, o:o+W]</c> with H, W the runtime size of <paramref name="reference"/>: FCN's crop
    /// (Caffe's crop layer with axis 2). Slice takes its bounds as tensors since opset 10.
    /// </summary>
    public string Crop(string x, string reference, long offset, string hint)
    {
        string starts = Int64s(hint + "_starts", offset, offset);
        string ends = Add("Add", new[] { HeightWidth(reference), starts }, hint + "_ends");
        string axes = Int64s(hint + "_axes", 2, 3);
        return Add("Slice", new[] { x, starts, ends, axes }, hint);
    }

    /// <summary>Views a float[] as bytes without copying, for protobuf's ByteString.</summary>
    private sealed class FloatBytes : MemoryManager<byte>
    {
        private readonly float[] data;
        private GCHandle pin;

        public FloatBytes(float[] data) => this.data = data;

        public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(data.AsSpan());

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            if (!pin.IsAllocated) pin = GCHandle.Alloc(data, GCHandleType.Pinned);
            return new MemoryHandle((byte*)pin.AddrOfPinnedObject() + elementIndex);
        }

        public override void Unpin()
        {
            if (pin.IsAllocated) pin.Free();
        }

        protected override void Dispose(bool disposing) => Unpin();
    }
}
