using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;
using Onnx;

namespace Fcn.Export.Onnx;

/// <summary>
/// Writes each node of the IR as ONNX operators, in the IR's topological order, and returns the name
/// of the value that holds the node's output. The PyTorch module the generator emits for the same
/// node is the reference for every choice (torch.onnx maps PyTorch's layers the same way); ONNX's
/// semantics are those of onnx/onnx docs/Operators.md at opset 17.
/// </summary>
internal sealed class OnnxNodeWriter : IOperationVisitor<string>
{
    private readonly OnnxGraphBuilder graph;
    private readonly ClassCounts classes;
    private readonly IReadOnlyDictionary<string, double> parameters;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> features = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Node> nodes;

    public OnnxNodeWriter(OnnxGraphBuilder graph, FcnModel model, ClassCounts classes, IReadOnlyDictionary<string, double> parameters)
    {
        nodes = model.Nodes.ToDictionary(node => node.Name, StringComparer.Ordinal);
        this.graph = graph;
        this.classes = classes;
        this.parameters = parameters;
    }

    /// <summary>Writes <paramref name="node"/>; its inputs must have been written.</summary>
    public void Write(Node node) => values[node.Name] = node.Accept(this);

    /// <summary>The value holding a written node's output.</summary>
    public string ValueOf(string node) => values[node];

    /// <summary>Each input node is a graph input of its own name (reserved by the export).</summary>
    public string VisitInput(Node node, InputOperation input) => node.Name;

    public string VisitConv(Node node, ConvOperation conv)
    {
        long inChannels = conv.In.Evaluate(classes), outChannels = conv.Out.Evaluate(classes);
        return Convolution(ValueOf(node.Inputs[0]), node.Name, node.Name, inChannels, outChannels,
            conv.Kernel, conv.Stride, conv.Pad, conv.Dilation, conv.Groups, conv.Bias);
    }

    /// <summary>
    /// PyTorch's ConvTranspose2d: weight [C_in, C_out / groups, k, k] (ONNX ConvTranspose uses the same
    /// layout); output (in - 1) * stride - 2 * pad + kernel in both.
    /// </summary>
    public string VisitUpsample(Node node, UpsampleOperation upsample)
    {
        long channels = upsample.Channels.Evaluate(classes);
        var inputs = new List<string> { ValueOf(node.Inputs[0]), graph.Weight(node.Name + ".weight", channels, channels, upsample.Kernel, upsample.Kernel) };
        if (upsample.Bias) inputs.Add(graph.Weight(node.Name + ".bias", channels));
        return graph.Add("ConvTranspose", inputs, node.Name,
            Attributes.Pair("kernel_shape", upsample.Kernel), Attributes.Pair("strides", upsample.Stride), Attributes.Pads(upsample.Pad));
    }

    public string VisitBatchNorm(Node node, BatchNormOperation batchNorm) =>
        BatchNorm(ValueOf(node.Inputs[0]), node.Name, node.Name, batchNorm.Channels.Evaluate(classes), batchNorm.Eps);

    public string VisitRelu(Node node, ReluOperation relu) => graph.Add("Relu", new[] { ValueOf(node.Inputs[0]) }, node.Name);

    /// <summary>
    /// MaxPool / AveragePool with PyTorch's rounding (<c>ceil_mode</c>) and, for averages, PyTorch's
    /// default <c>count_include_pad=True</c> (padding counts in the divisor, as in Caffe).
    /// </summary>
    public string VisitPool(Node node, PoolOperation pool)
    {
        var attributes = new List<AttributeProto>
        {
            Attributes.Pair("kernel_shape", pool.Kernel),
            Attributes.Pair("strides", pool.Stride),
            Attributes.Pads(pool.Pad),
            Attributes.Int("ceil_mode", pool.CeilMode ? 1 : 0),
        };
        if (pool.Pool == PoolKind.Average) attributes.Add(Attributes.Int("count_include_pad", 1));
        return graph.Add(pool.Pool == PoolKind.Max ? "MaxPool" : "AveragePool", new[] { ValueOf(node.Inputs[0]) }, node.Name, attributes.ToArray());
    }

    /// <summary>Dropout is the identity at inference: the node's value is its input's.</summary>
    public string VisitDropout(Node node, DropoutOperation dropout) => ValueOf(node.Inputs[0]);

    /// <summary>
    /// PyTorch's LocalResponseNorm: b_c = a_c / (k + alpha / n * sum a_c'^2) ^ beta over the channels
    /// c - n/2 .. c + (n-1)/2 (floor divisions; zero-padded). ONNX LRN sums over c - floor((n-1)/2) ..
    /// c + ceil((n-1)/2): the same window for odd n. For even n the windows differ by one channel, so
    /// the sum is written out as a fixed 1x1 convolution with PyTorch's band of ones.
    /// </summary>
    public string VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn)
    {
        string x = ValueOf(node.Inputs[0]);
        if (lrn.Size % 2 == 1)
        {
            return graph.Add("LRN", new[] { x }, node.Name,
                Attributes.Int("size", lrn.Size), Attributes.Float("alpha", lrn.Alpha), Attributes.Float("beta", lrn.Beta), Attributes.Float("bias", lrn.K));
        }

        long channels = node.Analysis.Channels.Evaluate(classes);
        var band = new float[channels * channels];
        for (long c = 0; c < channels; c++)
            for (long source = Math.Max(0, c - lrn.Size / 2); source <= Math.Min(channels - 1, c + (lrn.Size - 1) / 2); source++)
                band[c * channels + source] = (float)(lrn.Alpha / lrn.Size);
        string squares = graph.Add("Mul", new[] { x, x }, node.Name + "_squares");
        string window = graph.Add("Conv", new[] { squares, graph.Floats(node.Name + "_band", new[] { channels, channels, 1L, 1L }, band) }, node.Name + "_window");
        string denominator = graph.Add("Pow", new[] { graph.Add("Add", new[] { window, graph.Scalar(node.Name + "_k", lrn.K) }, node.Name + "_base"), graph.Scalar(node.Name + "_beta", lrn.Beta) }, node.Name + "_denominator");
        return graph.Add("Div", new[] { x, denominator }, node.Name);
    }

    public string VisitScale(Node node, ScaleOperation scale) =>
        graph.Add("Mul", new[] { ValueOf(node.Inputs[0]), graph.Scalar(node.Name + "_factor", Value(scale.Factor)) }, node.Name);

    /// <summary>
    /// Caffe's Eltwise SUM: each input (cropped to the first) times its coefficient, then added. A factor of
    /// 1 writes no Mul; NYUD's late fusion (0.5, 0.5) becomes Mul, Mul, Add, as the generated module computes it.
    /// </summary>
    public string VisitSum(Node node, SumOperation sum)
    {
        IReadOnlyList<string> aligned = Aligned(node, sum.CropOffsets);
        var terms = new List<string>(aligned.Count);
        for (int i = 0; i < aligned.Count; i++)
        {
            double coefficient = sum.CoefficientOf(i);
            string index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            terms.Add(coefficient == 1 ? aligned[i]
                : graph.Add("Mul", new[] { aligned[i], graph.Scalar(node.Name + "_coeff" + index, coefficient) }, node.Name + "_term" + index));
        }

        string total = terms[0];
        for (int i = 1; i < terms.Count; i++)
            total = graph.Add("Add", new[] { total, terms[i] }, i == terms.Count - 1 ? node.Name : node.Name + "_partial");
        return total;
    }

    public string VisitConcat(Node node, ConcatOperation concat) =>
        graph.Add("Concat", Aligned(node, concat.CropOffsets), node.Name, Attributes.Int("axis", 1));

    /// <summary>
    /// PyTorch's bilinear interpolate(align_corners=False) to the reference's runtime size: Resize
    /// linear with pytorch_half_pixel (equal to half_pixel except for a one-pixel output, where PyTorch
    /// samples the first source pixel). The target size is [N, C] of x and [H, W] of the reference.
    /// </summary>
    public string VisitResize(Node node, ResizeOperation resize)
    {
        string x = ValueOf(node.Inputs[0]);
        string batchChannels = graph.Add("Shape", new[] { x }, node.Name + "_nc", Attributes.Int("start", 0), Attributes.Int("end", 2));
        string sizes = graph.Add("Concat", new[] { batchChannels, graph.HeightWidth(ValueOf(resize.Reference)) }, node.Name + "_sizes", Attributes.Int("axis", 0));
        return graph.Add("Resize", new[] { x, "", "", sizes }, node.Name,
            Attributes.String("mode", "linear"), Attributes.String("coordinate_transformation_mode", "pytorch_half_pixel"));
    }

    public string VisitCrop(Node node, CropOperation crop) =>
        graph.Crop(ValueOf(node.Inputs[0]), ValueOf(crop.Reference), crop.Offset, node.Name);

    /// <summary>torchvision's FCNHead, keys <c>name.0</c> (conv), <c>.1</c> (batchnorm), <c>.4</c> (scores); ReLU and Dropout (2, 3) hold no weights.</summary>
    public string VisitFcnHead(Node node, FcnHeadOperation head)
    {
        long inChannels = head.In.Evaluate(classes), outChannels = head.Out.Evaluate(classes);
        string x = Convolution(ValueOf(node.Inputs[0]), node.Name + ".0", node.Name + "_conv", inChannels, head.Channels, kernel: 3, stride: 1, pad: 1, dilation: 1, groups: 1, bias: false);
        x = BatchNorm(x, node.Name + ".1", node.Name + "_bn", head.Channels, eps: 1e-5);
        x = graph.Add("Relu", new[] { x }, node.Name + "_relu");
        return Convolution(x, node.Name + ".4", node.Name, head.Channels, outChannels, kernel: 1, stride: 1, pad: 0, dilation: 1, groups: 1, bias: true);
    }

    public string VisitResNet(Node node, ResNetOperation resnet)
    {
        // The stem reads the channels of the node that feeds it (the image, in every catalogue spec).
        long inputChannels = nodes[node.Inputs[0]].Analysis.Channels.Evaluate(classes);
        IReadOnlyDictionary<string, string> stages = new ResNetTrunkWriter(this).Write(node.Name, resnet, ValueOf(node.Inputs[0]), inputChannels);
        features[node.Name] = stages;
        return stages.Values.Last();
    }

    public string VisitTap(Node node, TapOperation tap) => features[node.Inputs[0]][tap.Feature];

    /// <summary>Conv with PyTorch's weight layout [out, in / groups, k, k] and optional bias, keys <c>prefix.weight</c>, <c>prefix.bias</c>.</summary>
    internal string Convolution(string x, string prefix, string output, long inChannels, long outChannels, long kernel, long stride, long pad, long dilation, long groups, bool bias)
    {
        var inputs = new List<string> { x, graph.Weight(prefix + ".weight", outChannels, inChannels / groups, kernel, kernel) };
        if (bias) inputs.Add(graph.Weight(prefix + ".bias", outChannels));
        return graph.Add("Conv", inputs, output,
            Attributes.Pair("kernel_shape", kernel), Attributes.Pair("strides", stride), Attributes.Pads(pad),
            Attributes.Pair("dilations", dilation), Attributes.Int("group", groups));
    }

    /// <summary>Inference-mode batch norm from the running statistics (PyTorch's eval()), keys <c>prefix.weight/bias/running_mean/running_var</c>.</summary>
    internal string BatchNorm(string x, string prefix, string output, long channels, double eps) =>
        graph.Add("BatchNormalization",
            new[]
            {
                x, graph.Weight(prefix + ".weight", channels), graph.Weight(prefix + ".bias", channels),
                graph.Weight(prefix + ".running_mean", channels), graph.Weight(prefix + ".running_var", channels),
            },
            output, Attributes.Float("epsilon", eps));

    internal string Relu(string x, string output) => graph.Add("Relu", new[] { x }, output);

    internal string Add(string left, string right, string output) => graph.Add("Add", new[] { left, right }, output);

    internal string MaxPool(string x, string output, long kernel, long stride, long pad) =>
        graph.Add("MaxPool", new[] { x }, output, Attributes.Pair("kernel_shape", kernel), Attributes.Pair("strides", stride), Attributes.Pads(pad));

    /// <summary>The inputs of a sum or concat, each but the first cropped to the first's runtime size at its offset.</summary>
    private IReadOnlyList<string> Aligned(Node node, EquatableArray<int> offsets)
    {
        string reference = ValueOf(node.Inputs[0]);
        var aligned = new List<string> { reference };
        for (int i = 1; i < node.Inputs.Count; i++)
            aligned.Add(graph.Crop(ValueOf(node.Inputs[i]), reference, offsets[i], node.Name + "_crop" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return aligned;
    }

    /// <summary>A literal, or the value given for the spec parameter it names (else the parameter's default).</summary>
    private double Value(ScalarValue scalar) =>
        scalar.Parameter is { } name && parameters.TryGetValue(name, out double given) ? given : scalar.Value;
}
