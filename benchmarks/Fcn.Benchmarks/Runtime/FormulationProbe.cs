using System;
using System.Collections.Generic;
using System.IO;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Runtime.Layers;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// <c>Fcn.Benchmarks layers [--threads N]</c>: single layers of the benchmark networks in both formulations
/// of <see cref="Convolution2d"/> (libtorch's conv2d and unfold + matrix product), forward and forward +
/// backward, interleaved; the evidence behind <see cref="Convolution2d.MatrixProductMaxPositions"/>.
/// Writes <c>results/layers.md</c>.
/// </summary>
public static class FormulationProbe
{
    /// <summary>Layer, in, out, kernel, padding, input map size (batch 1).</summary>
    private static readonly (string Name, long In, long Out, long Kernel, long Padding, long Map)[] Layers =
    {
        ("fc6, FCN-8s at 128x128", 512, 4096, 7, 0, 11),
        ("fc6, FCN-8s at 256x256", 512, 4096, 7, 0, 15),
        ("fc7, FCN-8s at 128x128", 4096, 4096, 1, 0, 5),
        ("fc7, FCN-8s at 256x256", 4096, 4096, 1, 0, 9),
        ("conv5_x, FCN-8s at 128x128 (21x21)", 512, 512, 3, 1, 21),
        ("3x3 512->512 on 11x11", 512, 512, 3, 1, 11),
        ("ResNet-50 layer4 1x1 512->2048 on 28x28", 512, 2048, 1, 0, 28),
    };

    public static int Run(string[] arguments)
    {
        set_num_threads(Options.Int(arguments, "--threads", Environment.ProcessorCount));
        var table = new MarkdownTable("Layer", "Outputs", "Automatic picks", "conv2d fwd ms", "matmul fwd ms", "conv2d fwd+bwd ms", "matmul fwd+bwd ms");
        foreach (var layer in Layers)
        {
            using var scope = NewDisposeScope();
            manual_seed(0);
            using var convolution = new Convolution2d(layer.In, layer.Out, layer.Kernel, padding: layer.Padding);
            Tensor input = randn(1, layer.In, layer.Map, layer.Map);
            Tensor trainable = input.detach().requires_grad_(true);
            Action Forward(ConvolutionFormulation formulation) => () =>
            {
                convolution.Formulation = formulation;
                using var inference = inference_mode();
                using var inner = NewDisposeScope();
                convolution.call(input);
            };
            Action Both(ConvolutionFormulation formulation) => () =>
            {
                convolution.Formulation = formulation;
                using var inner = NewDisposeScope();
                convolution.zero_grad();
                convolution.call(trainable).sum().backward();
            };
            var forward = InterleavedTimer.Measure(new[] { Forward(ConvolutionFormulation.Direct), Forward(ConvolutionFormulation.MatrixProduct) }, 2, TimeSpan.FromSeconds(2), 5, 30);
            var both = InterleavedTimer.Measure(new[] { Both(ConvolutionFormulation.Direct), Both(ConvolutionFormulation.MatrixProduct) }, 1, TimeSpan.FromSeconds(4), 5, 30);
            long outputs = convolution.OutputSize(layer.Map) * convolution.OutputSize(layer.Map);
            table.AddRow(layer.Name, outputs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                convolution.PrefersMatrixProduct(input.shape) ? "matmul" : "conv2d",
                forward[0].Milliseconds, forward[1].Milliseconds, both[0].Milliseconds, both[1].Milliseconds);
            Console.WriteLine($"  {layer.Name}: forward {forward[0].Milliseconds} / {forward[1].Milliseconds}, forward+backward {both[0].Milliseconds} / {both[1].Milliseconds} ms (conv2d / matmul)");
        }

        string markdown = "### Convolution formulations per layer (`Fcn.Benchmarks layers`; median (min) ms, interleaved)\n\n"
                          + $"Automatic picks the matrix product at <= {Convolution2d.MatrixProductMaxPositions} output positions (batch x out_h x out_w).\n\n" + table + "\n";
        File.WriteAllText(Path.Combine(RepositoryPaths.Results, "layers.md"), markdown);
        Console.WriteLine(markdown);
        return 0;
    }
}
