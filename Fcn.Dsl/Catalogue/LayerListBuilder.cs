using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Dsl.Catalogue;

/// <summary>
/// Writes a flat backbone down the way its reference prototxt reads: one call per layer, each layer
/// fed by the previous one. Keeps the catalogue files tables of layers rather than constructor noise.
/// </summary>
internal sealed class LayerListBuilder
{
    private readonly List<CatalogueLayer> layers = new();

    /// <summary>A convolution with bias and the default initialization (pretrained weights replace it).</summary>
    public LayerListBuilder Conv(string name, int inChannels, int outChannels, int kernel, int stride = 1, int pad = 0, int groups = 1) =>
        Add(name, new ConvOperation(
            ChannelCount.Of(inChannels), ChannelCount.Of(outChannels), kernel, stride, pad, Dilation: 1, groups, Bias: true,
            InitKind.Default, ScalarValue.Literal(0), IsScore: false));

    public LayerListBuilder Relu(string name) => Add(name, new ReluOperation());

    /// <summary>Max pooling with Caffe's output size rounding (PyTorch's <c>ceil_mode=True</c>).</summary>
    public LayerListBuilder MaxPool(string name, int kernel, int stride) =>
        Add(name, new PoolOperation(PoolKind.Max, kernel, stride, Pad: 0, CeilMode: true));

    public LayerListBuilder Dropout(string name, double probability) =>
        Add(name, new DropoutOperation(ScalarValue.Literal(probability)));

    public LayerListBuilder LocalResponseNorm(string name, int size, double alpha, double beta, double k) =>
        Add(name, new LocalResponseNormOperation(size, alpha, beta, k));

    public EquatableArray<CatalogueLayer> Build() => layers.ToEquatableArray();

    private LayerListBuilder Add(string name, NodeOperation operation)
    {
        layers.Add(new CatalogueLayer(name, operation, EquatableArray<string>.Empty));
        return this;
    }
}
