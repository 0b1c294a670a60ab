using System;
using System.Globalization;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Peak resident memory of one case, measured in a fresh process so that nothing else the harness did
/// (other models, other sizes) raises the high-water mark. The child builds the model, runs the workload
/// twice (the first run allocates caches and optimizer state) and prints its VmHWM; the parent reads it.
/// <c>baseline</c> measures a process that only loaded libtorch, the floor under every other figure.
/// </summary>
public static class MemoryProbe
{
    private const string Marker = "PEAK_RSS_BYTES ";

    /// <summary>Parent side: the peak in bytes of <c>memory-probe implementation case mode</c> in a child process.</summary>
    public static long Measure(string implementation, RuntimeCase runtimeCase, string mode, int threads) =>
        long.Parse(
            ChildProcess.Run(Marker, new[] { "memory-probe", implementation, runtimeCase.Key, mode, threads.ToString(CultureInfo.InvariantCulture) }),
            CultureInfo.InvariantCulture);

    /// <summary>Child side: <c>memory-probe generated|hand-written|baseline model:size:batch inference|training threads</c>.</summary>
    public static int RunChild(string[] arguments)
    {
        if (arguments.Length != 4) throw new ArgumentException("memory-probe needs: implementation case mode threads");
        string implementation = arguments[0];
        RuntimeCase runtimeCase = RuntimeCase.Parse(arguments[1]);
        string mode = arguments[2];
        set_num_threads(int.Parse(arguments[3], CultureInfo.InvariantCulture));
        manual_seed(0);

        if (implementation == "baseline")
        {
            using Tensor one = ones(1);
            Console.WriteLine(Marker + PeakMemory.OfThisProcess().ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        Implementation which = implementation switch
        {
            "generated" => Implementation.Generated,
            "hand-written" => Implementation.HandWritten,
            _ => throw new ArgumentException("The implementation is generated, hand-written or baseline; got " + implementation),
        };
        using SegmentationNet net = NetFactory.Create(runtimeCase.Model, which);
        using Tensor input = randn(runtimeCase.Batch, 3, runtimeCase.Size, runtimeCase.Size);
        using Tensor target = randint(0, NetFactory.Classes(runtimeCase.Model), new long[] { runtimeCase.Batch, runtimeCase.Size, runtimeCase.Size });
        if (mode == "inference")
        {
            net.Module.eval();
            Action forward = Workloads.Forward(net, input);
            forward();
            forward();
        }
        else
        {
            net.Module.train();
            (Action step, IDisposable optimizer) = Workloads.TrainingStep(net, input, target);
            using (optimizer)
            {
                step();
                step();
            }
        }

        Console.WriteLine(Marker + PeakMemory.OfThisProcess().ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
