using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Runtime.Layers;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// <c>Fcn.Benchmarks layout [--threads N] [--cases model:size,...]</c>: the generated model in libtorch's
/// default layout (NCHW, contiguous) against the same weights computing in channels-last strides (NHWC in memory, the shape still N x C x H x W), forward
/// and training step, interleaved. TorchSharp 0.107 has no <c>memory_format</c> argument, but libtorch picks
/// its channels-last kernels (oneDNN's on the CPU) from the strides alone, and they propagate through
/// convolution, batch norm, ReLU, pooling and sums: <c>x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)</c>
/// is PyTorch's <c>x.contiguous(memory_format=torch.channels_last)</c>. The evidence for or against making it
/// <see cref="MemoryLayout.Automatic"/>, the default (channels-last for inference only); writes <c>results/layout.md</c>. The switch is
/// <see cref="MemoryLayouts.Use"/>: each convolution (and the ResNet trunk) makes its input channels-last where it
/// is not already, so the first one copies the image and every later layer receives channels-last maps.
/// </summary>
public static class MemoryLayoutProbe
{
    private static readonly (ModelKind Model, long Size)[] DefaultCases =
    {
        (ModelKind.FcnResNet50, 224),
        (ModelKind.Fcn8sVgg16, 128),
    };

    public static int Run(string[] arguments)
    {
        int threads = Options.Int(arguments, "--threads", Environment.ProcessorCount);
        set_num_threads(threads);
        var cases = Options.String(arguments, "--cases") is { } keys
            ? keys.Split(',').Select(key => key.Split(':')).Select(parts => (ModelKinds.Parse(parts[0]), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray()
            : DefaultCases;
        var table = new MarkdownTable("Model", "Input", "NCHW fwd ms", "channels-last fwd ms", "ratio", "NCHW train ms", "channels-last train ms", "ratio", "max |diff| / max |out|");
        foreach (var (model, size) in cases)
        {
            manual_seed(0);
            using SegmentationNet standard = NetFactory.Create(model, Implementation.Generated);
            using SegmentationNet channelsLast = NetFactory.Create(model, Implementation.Generated);
            RandomizeEveryParameter(standard.Module);
            channelsLast.Module.load_state_dict(standard.Module.state_dict());
            MemoryLayouts.Use(standard.Module, MemoryLayout.AsGiven);
            MemoryLayouts.Use(channelsLast.Module, MemoryLayout.ChannelsLast);

            using Tensor input = randn(1, 3, size, size);
            using Tensor target = randint(0, NetFactory.Classes(model), new long[] { 1, size, size });
            standard.Module.eval();
            channelsLast.Module.eval();
            double difference = Difference(standard, channelsLast, input);

            var forward = InterleavedTimer.Measure(
                new[] { Workloads.Forward(standard, input), Workloads.Forward(channelsLast, input) },
                warmups: 2, TimeSpan.FromSeconds(20), 5, 40);
            standard.Module.train();
            channelsLast.Module.train();
            (Action standardStep, IDisposable standardOptimizer) = Workloads.TrainingStep(standard, input, target);
            (Action channelsLastStep, IDisposable channelsLastOptimizer) = Workloads.TrainingStep(channelsLast, input, target);
            IReadOnlyList<Timing> training;
            using (standardOptimizer)
            using (channelsLastOptimizer)
                training = InterleavedTimer.Measure(new[] { standardStep, channelsLastStep }, warmups: 1, TimeSpan.FromSeconds(30), 5, 20);

            table.AddRow(model.DisplayName(), $"{size}x{size}",
                Ms(forward[0]), Ms(forward[1]), Format.Fixed(forward[1].Median / forward[0].Median, 2),
                Ms(training[0]), Ms(training[1]), Format.Fixed(training[1].Median / training[0].Median, 2),
                difference.ToString("G2", System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"  {model.DisplayName()} {size}: forward {Ms(forward[0])} / {Ms(forward[1])}, training {Ms(training[0])} / {Ms(training[1])} ms (NCHW / channels-last)");
        }

        string markdown = $"### Memory layout (`Fcn.Benchmarks layout --threads {threads}`; median (min) ms, interleaved; {Cpu.Description})\n\n"
                          + "ratio = channels-last / NCHW (below 1: channels-last faster).\n\n" + table + "\n";
        File.WriteAllText(Path.Combine(RepositoryPaths.Results, "layout.md"), markdown);
        Console.WriteLine(markdown);
        return 0;
    }

    /// <summary>Random values in every parameter and buffer (zero-initialized score layers would hide a difference).</summary>
    private static void RandomizeEveryParameter(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var parameter in module.parameters()) parameter.normal_(0, 0.05);
        foreach (var (name, buffer) in module.named_buffers())
            if (buffer.is_floating_point()) buffer.uniform_(name.EndsWith("running_var", StringComparison.Ordinal) ? 0.5 : -0.1, name.EndsWith("running_var", StringComparison.Ordinal) ? 1.5 : 0.1);
    }

    private static double Difference(SegmentationNet standard, SegmentationNet channelsLast, Tensor input)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var expected = standard.Run(input);
        var actual = channelsLast.Run(input);
        return expected.Zip(actual, (e, a) => (e - a).abs().max().item<float>() / Math.Max(e.abs().max().item<float>(), 1e-12)).Max();
    }

    private static string Ms(Timing timing) => Format.Fixed(timing.Median * 1e3, 1) + " (" + Format.Fixed(timing.Min * 1e3, 1) + ")";
}
