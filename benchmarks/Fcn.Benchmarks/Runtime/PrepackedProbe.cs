using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Runtime.Layers;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// <c>Fcn.Benchmarks prepacked [--threads N] [--size S]</c>: what weights prepared once for inference would buy
/// FCN-ResNet50's forward pass, measured rather than assumed (issue 13 names it). Three ways to run the same
/// trunk and weights, each followed by the generated model's own FCN heads and resizes, interleaved with the
/// generated model itself, and with <see cref="BatchNormFolding"/> (the runtime's folding) opened at each call, so
/// that row pays for the fold each time (fcn eval and fcn predict fold once per pass or command):
/// <list type="bullet">
/// <item>batch norm folded into each convolution (weight x gamma/sqrt(var + eps), bias beta - mean x that), libtorch's <c>conv2d</c>;</item>
/// <item>the folded weights also reordered once into oneDNN's blocked layout (<c>aten::mkldnn_reorder_conv2d_weight</c>),
/// computed by <c>aten::mkldnn_convolution</c> on ordinary NCHW maps;</item>
/// <item>the same with the maps themselves in oneDNN's blocked layout from the first layer to the last
/// (<c>to_mkldnn</c> once, <c>to_dense</c> at the end), as <c>torch.utils.mkldnn.to_mkldnn</c> runs a model.</item>
/// </list>
/// TorchSharp 0.107 binds none of these ATen functions; <c>torch.jit.compile</c> reaches them from TorchScript.
/// Only the folding became part of the runtime; the prepacked weights are the evidence for leaving them out (docs/benchmarks.md). Writes
/// <c>results/prepacked.md</c>.
/// </summary>
public static class PrepackedProbe
{
    // TorchScript compiled by libtorch: 'torch.' names the aten namespace. Some compile errors (an unknown
    // attribute) end the process instead of raising an exception in TorchSharp 0.107, so the text stays fixed.
    // The parser wants a newline after the last line, which the raw literal drops.
    private const string Script = """
        def pack(w: Tensor, p: int, s: int, d: int, n: int, c: int, h: int, wi: int) -> Tensor:
            return torch.mkldnn_reorder_conv2d_weight(w.to_mkldnn(), [p, p], [s, s], [d, d], 1, [n, c, h, wi])

        def conv(x: Tensor, w: Tensor, b: Tensor, p: int, s: int, d: int) -> Tensor:
            return torch.mkldnn_convolution(x, w, b, [p, p], [s, s], [d, d], 1)

        def to_mkldnn(x: Tensor) -> Tensor:
            return x.to_mkldnn()
        """ + "\n";

    private enum Variant { Folded, PackedDense, PackedBlocked }

    public static int Run(string[] arguments)
    {
        int threads = Options.Int(arguments, "--threads", Environment.ProcessorCount);
        long size = Options.Int(arguments, "--size", 224);
        set_num_threads(threads);
        using var unit = TorchSharp.torch.jit.compile(Script);

        manual_seed(0);
        using var model = new FcnResNet50();
        MemoryLayoutProbe.RandomizeEveryParameter(model);
        model.eval();
        var weights = model.state_dict();
        using Tensor input = randn(1, 3, size, size);

        var trunks = Enum.GetValues<Variant>().Select(v => new PreparedTrunk(unit, weights, v)).ToArray();
        Tensor[] Heads(Tensor layer3, Tensor layer4) => new[]
        {
            Resize.BilinearLike(model.Classifier.call(layer4), input),
            Resize.BilinearLike(model.AuxClassifier.call(layer3), input),
        };
        Func<Tensor[]> generated = () => { var o = model.forward(input); return new[] { o.Out, o.Aux }; };
        var runs = new List<(string Label, Func<Tensor[]> Run)>
        {
            ("Generated (MemoryLayout.Automatic)", generated),
            ("Generated, BatchNormFolding.Fold at each call (folding's cost included)", () => { using (BatchNormFolding.Fold(model)) return generated(); }),
        };
        runs.AddRange(trunks.Select(t => (t.Label, (Func<Tensor[]>)(() => { var (l3, l4) = t.Forward(input); return Heads(l3, l4); }))));

        var table = new MarkdownTable("Trunk", "forward ms", "x Generated", "max |diff| / max |out|");
        using (inference_mode())
        {
            Tensor[] reference;
            using (var scope = NewDisposeScope()) reference = generated().Select(t => t.MoveToOuterDisposeScope()).ToArray();
            var differences = runs.Select(r =>
            {
                using var scope = NewDisposeScope();
                return r.Run().Zip(reference, (a, e) => (a - e).abs().max().item<float>() / e.abs().max().item<float>()).Max();
            }).ToArray();
            var timings = InterleavedTimer.Measure(
                runs.Select(r => (Action)(() => { using var scope = NewDisposeScope(); r.Run(); })).ToArray(),
                warmups: 2 * LayoutTrials.TrialsPerLayout, TimeSpan.FromSeconds(60), 9, 40);
            for (int i = 0; i < runs.Count; i++)
                table.AddRow(runs[i].Label, timings[i].Milliseconds, Format.Fixed(timings[i].Median / timings[0].Median, 2), differences[i].ToString("G2", System.Globalization.CultureInfo.InvariantCulture));
            foreach (Tensor t in reference) t.Dispose();
        }

        string markdown = $"### Weights prepared once for inference (`Fcn.Benchmarks prepacked --threads {threads}`; FCN-ResNet50 (+aux), 1x3x{size}x{size}; median (min) ms, interleaved; {Cpu.Description})\n\n"
                          + "Every trunk feeds the generated model's own heads; random values in every parameter and buffer.\n\n" + table + "\n";
        File.WriteAllText(Path.Combine(RepositoryPaths.Results, "prepacked.md"), markdown);
        Console.WriteLine(markdown);
        return 0;
    }

    /// <summary>
    /// The dilated ResNet-50 trunk of FCN-ResNet50 (torchvision's layout: 3, 4, 6, 3 bottlenecks; layer3 and
    /// layer4 dilated 2 and 4 instead of strided) from its state-dict entries, batch norm folded in, weights
    /// prepared on the first call. Returns layer3 and layer4, dense.
    /// </summary>
    private sealed class PreparedTrunk
    {
        private static readonly int[] Blocks = { 3, 4, 6, 3 };
        private static readonly long[] FirstStride = { 1, 2, 1, 1 };
        private static readonly long[] FirstDilation = { 1, 1, 1, 2 };
        private static readonly long[] Dilation = { 1, 1, 2, 4 };

        private readonly TorchSharp.torch.jit.CompilationUnit unit;
        private readonly Dictionary<string, Tensor> weights;
        private readonly Variant variant;
        private readonly Dictionary<string, (Tensor Weight, Tensor Bias)> prepared = new();

        public PreparedTrunk(TorchSharp.torch.jit.CompilationUnit unit, Dictionary<string, Tensor> weights, Variant variant)
        {
            this.unit = unit;
            this.weights = weights;
            this.variant = variant;
        }

        public string Label => variant switch
        {
            Variant.Folded => "batch norm folded, conv2d",
            Variant.PackedDense => "folded + weights in oneDNN's layout, NCHW maps",
            _ => "folded + weights and maps in oneDNN's blocked layout",
        };

        public (Tensor Layer3, Tensor Layer4) Forward(Tensor input)
        {
            Tensor x = variant == Variant.PackedBlocked ? (Tensor)unit.invoke("to_mkldnn", input) : input;
            x = nn.functional.max_pool2d(Convolve(x, "backbone.conv1", "backbone.bn1", 3, 2, 1, relu: true), 3, 2, 1);
            Tensor layer3 = x;
            for (int stage = 0; stage < 4; stage++)
            {
                for (int block = 0; block < Blocks[stage]; block++)
                {
                    string name = $"backbone.layer{stage + 1}.{block}";
                    long stride = block == 0 ? FirstStride[stage] : 1, dilation = block == 0 ? FirstDilation[stage] : Dilation[stage];
                    Tensor y = Convolve(x, name + ".conv1", name + ".bn1", 0, 1, 1, relu: true);
                    y = Convolve(y, name + ".conv2", name + ".bn2", dilation, stride, dilation, relu: true);
                    y = Convolve(y, name + ".conv3", name + ".bn3", 0, 1, 1, relu: false);
                    Tensor shortcut = block == 0 ? Convolve(x, name + ".downsample.0", name + ".downsample.1", 0, stride, 1, relu: false) : x;
                    x = y.add_(shortcut).relu_();
                }

                if (stage == 2) layer3 = x;
            }

            return variant == Variant.PackedBlocked ? (layer3.to_dense(), x.to_dense()) : (layer3, x);
        }

        private Tensor Convolve(Tensor x, string convolution, string norm, long padding, long stride, long dilation, bool relu)
        {
            if (!prepared.TryGetValue(convolution, out var p))
            {
                using var scope = NewDisposeScope();
                Tensor scale = weights[norm + ".weight"] / (weights[norm + ".running_var"] + 1e-5).sqrt();
                Tensor weight = (weights[convolution + ".weight"] * scale.view(-1, 1, 1, 1)).contiguous();
                Tensor bias = weights[norm + ".bias"] - weights[norm + ".running_mean"] * scale;
                if (variant != Variant.Folded)
                    weight = (Tensor)unit.invoke("pack", weight, padding, stride, dilation, x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
                p = (weight.DetachFromDisposeScope(), bias.DetachFromDisposeScope());
                prepared[convolution] = p;
            }

            Tensor output = variant == Variant.Folded
                ? nn.functional.conv2d(x, p.Weight, p.Bias, strides: new[] { stride, stride }, padding: new[] { padding, padding }, dilation: new[] { dilation, dilation })
                : (Tensor)unit.invoke("conv", x, p.Weight, p.Bias, padding, stride, dilation);
            return relu ? output.relu_() : output;
        }
    }
}
