using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Runtime.Layers;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// <c>Fcn.Benchmarks layout [--threads N] [--cases model:size,...]</c>: the generated model with every convolution
/// in libtorch's default layout (NCHW, contiguous), in channels-last strides (NHWC in memory, the shape still
/// N x C x H x W), and in <see cref="MemoryLayout.Automatic"/>, the default, where each convolution measured both
/// on its first inference calls and keeps the faster (<see cref="LayoutTrials"/>): forward pass, interleaved, same
/// weights; and the training step in NCHW and channels-last (Automatic trains as given, NCHW). TorchSharp 0.107 has
/// no <c>memory_format</c> argument, but libtorch picks its channels-last kernels (oneDNN's on the CPU) from the
/// strides alone, and they propagate through batch norm, ReLU, pooling and sums. Also lists what the Automatic
/// model's convolutions chose. Writes <c>results/layout.md</c>.
/// </summary>
public static class MemoryLayoutProbe
{
    private static readonly (ModelKind Model, long Size)[] DefaultCases =
    {
        (ModelKind.FcnResNet50, 224),
        (ModelKind.Fcn8sVgg16, 128),
    };

    private static readonly MemoryLayout[] ForwardLayouts = { MemoryLayout.ChannelsFirst, MemoryLayout.ChannelsLast, MemoryLayout.Automatic };

    public static int Run(string[] arguments)
    {
        int threads = Options.Int(arguments, "--threads", Environment.ProcessorCount);
        set_num_threads(threads);
        var cases = Options.String(arguments, "--cases") is { } keys
            ? keys.Split(',').Select(key => key.Split(':')).Select(parts => (ModelKinds.Parse(parts[0]), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray()
            : DefaultCases;
        var table = new MarkdownTable(
            "Model", "Input", "NCHW fwd ms", "channels-last fwd ms", "ratio", "Automatic fwd ms", "ratio",
            "NCHW train ms", "channels-last train ms", "ratio", "max |diff| / max |out|");
        var choices = new List<string>();
        foreach (var (model, size) in cases)
        {
            manual_seed(0);
            SegmentationNet[] nets = ForwardLayouts.Select(_ => NetFactory.Create(model, Implementation.Generated)).ToArray();
            try
            {
                RandomizeEveryParameter(nets[0].Module);
                for (int i = 0; i < nets.Length; i++)
                {
                    if (i > 0) nets[i].Module.load_state_dict(nets[0].Module.state_dict());
                    MemoryLayouts.Use(nets[i].Module, ForwardLayouts[i]);
                    nets[i].Module.eval();
                }

                using Tensor input = randn(1, 3, size, size);
                using Tensor target = randint(0, NetFactory.Classes(model), new long[] { 1, size, size });
                double difference = nets.Skip(1).Max(net => Difference(nets[0], net, input));

                var forward = InterleavedTimer.Measure(
                    nets.Select(net => Workloads.Forward(net, input)).ToArray(),
                    warmups: 2 * LayoutTrials.TrialsPerLayout, TimeSpan.FromSeconds(30), 5, 40);
                choices.Add($"- {model.DisplayName()} {size}x{size}, Automatic: " + Choices(nets[2].Module));

                SegmentationNet standard = nets[0], channelsLast = nets[1];
                standard.Module.train();
                channelsLast.Module.train();
                (Action standardStep, IDisposable standardOptimizer) = Workloads.TrainingStep(standard, input, target);
                (Action channelsLastStep, IDisposable channelsLastOptimizer) = Workloads.TrainingStep(channelsLast, input, target);
                IReadOnlyList<Timing> training;
                using (standardOptimizer)
                using (channelsLastOptimizer)
                    training = InterleavedTimer.Measure(new[] { standardStep, channelsLastStep }, warmups: 1, TimeSpan.FromSeconds(30), 5, 20);

                table.AddRow(model.DisplayName(), $"{size}x{size}",
                    forward[0].Milliseconds, forward[1].Milliseconds, Format.Fixed(forward[1].Median / forward[0].Median, 2),
                    forward[2].Milliseconds, Format.Fixed(forward[2].Median / forward[0].Median, 2),
                    training[0].Milliseconds, training[1].Milliseconds, Format.Fixed(training[1].Median / training[0].Median, 2),
                    difference.ToString("G2", System.Globalization.CultureInfo.InvariantCulture));
                Console.WriteLine($"  {model.DisplayName()} {size}: forward {forward[0].Milliseconds} / {forward[1].Milliseconds} / {forward[2].Milliseconds} (NCHW / channels-last / Automatic), training {training[0].Milliseconds} / {training[1].Milliseconds} ms (NCHW / channels-last)");
            }
            finally
            {
                foreach (SegmentationNet net in nets) net.Dispose();
            }
        }

        string markdown = $"### Memory layout (`Fcn.Benchmarks layout --threads {threads}`; median (min) ms, interleaved; {Cpu.Description})\n\n"
                          + "ratio = this layout / NCHW (below 1: faster than NCHW). Automatic: each convolution's measured choice "
                          + "(its first inference calls are the trials, inside the warm-up).\n\n" + table + "\n"
                          + "What the Automatic model's convolutions chose (layers deciding NCHW / channels-last; the largest layers by weight with the best time of each layout's trial calls):\n\n"
                          + string.Join("\n", choices) + "\n";
        File.WriteAllText(Path.Combine(RepositoryPaths.Results, "layout.md"), markdown);
        Console.WriteLine(markdown);
        return 0;
    }

    /// <summary>How many convolutions kept each layout, and for the five largest by weight their best trial times and choice.</summary>
    private static string Choices(nn.Module module)
    {
        var convolutions = module.named_modules()
            .Where(m => m.module is Convolution2d)
            .Select(m => (m.name, Convolution: (Convolution2d)m.module))
            .Select(m => (m.name, m.Convolution, Decision: m.Convolution.MeasuredLayouts.Decisions.Values.LastOrDefault()))
            .ToArray();
        int first = convolutions.Count(c => c.Decision?.Layout == MemoryLayout.ChannelsFirst);
        int last = convolutions.Count(c => c.Decision?.Layout == MemoryLayout.ChannelsLast);
        var largest = convolutions.OrderByDescending(c => c.Convolution.weight.numel()).Take(5).Select(c =>
        {
            Convolution2d layer = c.Convolution;
            string shape = $"{layer.InChannels}->{layer.OutChannels}, {layer.KernelSize}x{layer.KernelSize}{(layer.Dilation > 1 ? $", dilation {layer.Dilation}" : "")}";
            string trials = c.Decision is { } d
                ? $"NCHW {Format.Fixed(d.BestChannelsFirst.TotalMilliseconds, 1)} ms, channels-last {Format.Fixed(d.BestChannelsLast.TotalMilliseconds, 1)} ms: {d.Layout}"
                : "not decided";
            return $"`{c.name}` ({shape}) {trials}";
        });
        return $"{first} NCHW / {last} channels-last of {convolutions.Length}; best trial times: " + string.Join("; ", largest);
    }

    internal static void RandomizeEveryParameter(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var parameter in module.parameters()) parameter.normal_(0, 0.05);
        foreach (var (name, buffer) in module.named_buffers())
            if (buffer.is_floating_point()) buffer.uniform_(name.EndsWith("running_var", StringComparison.Ordinal) ? 0.5 : -0.1, name.EndsWith("running_var", StringComparison.Ordinal) ? 1.5 : 0.1);
    }

    private static double Difference(SegmentationNet standard, SegmentationNet other, Tensor input)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var expected = standard.Run(input);
        var actual = other.Run(input);
        return expected.Zip(actual, (e, a) => (e - a).abs().max().item<float>() / Math.Max(e.abs().max().item<float>(), 1e-12)).Max();
    }
}
