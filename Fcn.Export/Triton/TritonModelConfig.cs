using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Onnx;

namespace Fcn.Export.Triton;

/// <summary>
/// The <c>config.pbtxt</c> of an NVIDIA Triton model repository entry for an exported FCN (Triton's
/// model_config.proto in protobuf text format): backend onnxruntime, batching up to
/// <c>max_batch_size</c>, and each tensor's dims without the batch dimension, <c>-1</c> where the
/// ONNX graph leaves a size symbolic (height and width).
/// </summary>
public static class TritonModelConfig
{
    public static string Text(string name, ModelProto model, int maxBatchSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(model);
        if (maxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(maxBatchSize), maxBatchSize, "Triton batches need max_batch_size of at least 1.");

        var text = new StringBuilder();
        text.Append("name: \"").Append(name).Append("\"\n");
        text.Append("backend: \"onnxruntime\"\n");
        text.Append("max_batch_size: ").Append(maxBatchSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Tensors(text, "input", model.Graph.Input.Where(input => model.Graph.Initializer.All(i => i.Name != input.Name)).ToArray());
        Tensors(text, "output", model.Graph.Output.ToArray());
        return text.ToString();
    }

    private static void Tensors(StringBuilder text, string section, ValueInfoProto[] values)
    {
        text.Append(section).Append(" [\n");
        for (int i = 0; i < values.Length; i++)
        {
            // Triton's dims exclude the batch dimension when max_batch_size > 0.
            var dims = values[i].Type.TensorType.Shape.Dim.Skip(1)
                .Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : "-1");
            text.Append("  {\n");
            text.Append("    name: \"").Append(values[i].Name).Append("\"\n");
            text.Append("    data_type: TYPE_FP32\n");
            text.Append("    dims: [ ").Append(string.Join(", ", dims)).Append(" ]\n");
            text.Append(i == values.Length - 1 ? "  }\n" : "  },\n");
        }

        text.Append("]\n");
    }
}
