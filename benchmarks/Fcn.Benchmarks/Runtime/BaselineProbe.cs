using System;
using System.Collections.Generic;
using System.Globalization;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Performance;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// "Before": the generated model as it ran before issue 13, in a fresh child process, for the speed-up
/// figures: glibc's allocator untouched (<c>FCN_PROCESS_TUNING=off</c>, so large blocks are mapped and
/// unmapped on every pass) and every convolution through libtorch's <c>conv2d</c>
/// (<see cref="ConvolutionFormulation.Direct"/>) in the layout it is given (<see cref="MemoryLayout.AsGiven"/>, NCHW),
/// as <c>torch.nn.Conv2d</c> computed them, and gradients
/// zeroed in place before each step. Same
/// workloads, weights drawn the same way, same thread count; it runs right after the case's other timings.
/// </summary>
public static class BaselineProbe
{
    private const string Marker = "BASELINE ";

    /// <summary>Parent side: the child's forward and (for a training case) training-step timings.</summary>
    public static (Timing Forward, Timing? Training) Measure(RuntimeCase runtimeCase, RuntimePlan plan, int threads)
    {
        string line = ChildProcess.Run(Marker, new[]
        {
            "baseline-probe", runtimeCase.Key, runtimeCase.Training ? "training" : "forward", Invariant(threads),
            Invariant(plan.ForwardBudget.TotalSeconds), Invariant(plan.TrainingBudget.TotalSeconds),
            Invariant(plan.MinRepetitions), Invariant(plan.MaxRepetitions),
        }, new Dictionary<string, string> { [ProcessTuning.SwitchVariable] = "off" });
        string[] numbers = line.Split(' ');
        Timing Parse(int at) => new(Double(numbers[at]), Double(numbers[at + 1]), int.Parse(numbers[at + 2], CultureInfo.InvariantCulture));
        return (Parse(0), numbers.Length >= 6 ? Parse(3) : null);
    }

    /// <summary>Child side: <c>baseline-probe case forward|training threads forwardBudget trainingBudget minReps maxReps</c>.</summary>
    public static int RunChild(string[] arguments)
    {
        if (arguments.Length != 7) throw new ArgumentException("baseline-probe needs: case forward|training threads forward-budget training-budget min-reps max-reps");
        if (ProcessTuning.State is not { Enabled: false })
            throw new InvalidOperationException($"The baseline must run with {ProcessTuning.SwitchVariable}=off; the tuning is {ProcessTuning.State}.");
        RuntimeCase runtimeCase = RuntimeCase.Parse(arguments[0]);
        bool training = arguments[1] == "training";
        set_num_threads(int.Parse(arguments[2], CultureInfo.InvariantCulture));
        var forwardBudget = TimeSpan.FromSeconds(Double(arguments[3]));
        var trainingBudget = TimeSpan.FromSeconds(Double(arguments[4]));
        int min = int.Parse(arguments[5], CultureInfo.InvariantCulture), max = int.Parse(arguments[6], CultureInfo.InvariantCulture);

        manual_seed(0);
        using SegmentationNet net = NetFactory.Create(runtimeCase.Model, Implementation.Generated);
        Convolution2d.UseFormulation(net.Module, ConvolutionFormulation.Direct);
        MemoryLayouts.Use(net.Module, MemoryLayout.AsGiven);
        using Tensor input = randn(runtimeCase.Batch, 3, runtimeCase.Size, runtimeCase.Size);
        using Tensor target = randint(0, NetFactory.Classes(runtimeCase.Model), new long[] { runtimeCase.Batch, runtimeCase.Size, runtimeCase.Size });

        net.Module.eval();
        Timing forward = InterleavedTimer.Measure(new[] { Workloads.Forward(net, input) }, warmups: 2, forwardBudget, min, max)[0];
        string line = Marker + Format(forward);
        if (training)
        {
            net.Module.train();
            (Action step, IDisposable optimizer) = Workloads.TrainingStep(net, input, target, zeroInPlace: true);
            using (optimizer)
                line += " " + Format(InterleavedTimer.Measure(new[] { step }, warmups: 1, trainingBudget, min, max)[0]);
        }

        Console.WriteLine(line);
        return 0;
    }

    private static string Format(Timing timing) => $"{Invariant(timing.Median)} {Invariant(timing.Min)} {Invariant(timing.Count)}";

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
