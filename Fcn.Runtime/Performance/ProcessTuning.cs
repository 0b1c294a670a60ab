using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Fcn.Runtime.Performance;

/// <summary>
/// Process-wide settings that make libtorch fast on the CPU, applied once, automatically, when the
/// process first uses Fcn.Runtime (so every generated model, the <c>fcn</c> tool's train, eval and
/// predict, the tests and the benchmarks get them), and switchable off with the environment variable
/// <c>FCN_PROCESS_TUNING=off</c> (read at that moment).
/// </summary>
/// <remarks>
/// <para><b>Large blocks stay in the process.</b> A forward pass of FCN-8s frees and reallocates blocks of
/// tens to hundreds of megabytes (activations of 1x64x326x326 floats, 27 MB; fc6's 411 MB weight
/// gradient). glibc serves every block above its mmap threshold (128 KiB, rising to at most 32 MiB) with
/// a fresh <c>mmap</c> and returns it with <c>munmap</c> on free, so every pass touches newly mapped
/// pages and pays a page fault per 4 KiB (issue 13 reports a ReLU over 6.8 M floats at 45 ms on fresh
/// memory against 1 ms on reused memory; in docs/benchmarks.md the generated FCN-8s's training step is
/// 2.63x faster with this setting and gradients set to none than without). Raising the mmap and trim
/// thresholds to 1 GiB (<c>mallopt(3)</c>) makes glibc keep freed blocks
/// and hand them out again. The price is that the process's resident size stays at its
/// high-water mark instead of shrinking between passes, which is what a training or serving process
/// does anyway. Environment variables (<c>MALLOC_MMAP_THRESHOLD_</c>, <c>GLIBC_TUNABLES</c>) would do
/// the same but only when set before the process starts, which a library cannot do.</para>
/// <para>glibc keeps these thresholds per process, but a thread other than the main one allocates from
/// its own arena, whose heaps hold at most 64 MiB: blocks larger than that are still mapped fresh there.
/// The <c>fcn</c> tool and the benchmarks call libtorch from the main thread.</para>
/// <para>Not here, on purpose: thread counts (the caller's choice: <c>torch.set_num_threads</c>,
/// <c>--threads</c>), and the convolution backend (TorchSharp 0.107 exposes no switch for oneDNN; the
/// per-layer formulation is chosen by <see cref="Layers.Convolution2d"/> instead).</para>
/// </remarks>
public static class ProcessTuning
{
    /// <summary>The environment variable that turns the tuning off (<c>off</c>, <c>0</c> or <c>false</c>).</summary>
    public const string SwitchVariable = "FCN_PROCESS_TUNING";

    /// <summary>Blocks up to this size are reused rather than mapped afresh (1 GiB: larger than any tensor of the FCNs here at the usual sizes).</summary>
    public const int KeptBlockBytes = 1 << 30;

    private static int _applied;

    /// <summary>What <see cref="Apply"/> did in this process: null before it ran.</summary>
    public static ProcessTuningState? State { get; private set; }

    /// <summary>Applies the settings unless <see cref="SwitchVariable"/> says off; does nothing the second time.</summary>
    public static ProcessTuningState Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            SpinWait.SpinUntil(() => State is not null);
            return State!;
        }

        string? setting = Environment.GetEnvironmentVariable(SwitchVariable);
        bool off = setting is not null && (setting.Equals("off", StringComparison.OrdinalIgnoreCase) || setting == "0"
                                           || setting.Equals("false", StringComparison.OrdinalIgnoreCase));
        State = off
            ? new ProcessTuningState(Enabled: false, LargeBlocksKept: false)
            : new ProcessTuningState(Enabled: true, LargeBlocksKept: GlibcMalloc.KeepBlocksUpTo(KeptBlockBytes));
        return State;
    }

    // The entry point: the runtime calls this when the process first touches Fcn.Runtime, before any
    // tensor of a model exists. A library does not usually run code on load (CA2255); here that is the
    // point, since the allocator must be set before the first large block is freed, and no caller
    // should have to remember it.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ApplyOnLoad() => Apply();
}

/// <summary>What <see cref="ProcessTuning.Apply"/> did.</summary>
/// <param name="Enabled">False when <see cref="ProcessTuning.SwitchVariable"/> turned the tuning off.</param>
/// <param name="LargeBlocksKept">True when glibc accepted the mmap and trim thresholds (false off Linux/glibc).</param>
public sealed record ProcessTuningState(bool Enabled, bool LargeBlocksKept)
{
    /// <summary>One line for logs and benchmark reports.</summary>
    public override string ToString() => !Enabled
        ? $"process tuning off ({ProcessTuning.SwitchVariable})"
        : LargeBlocksKept ? "large blocks kept in the process (glibc mmap/trim thresholds 1 GiB)" : "process tuning on; glibc not found, allocator unchanged";
}
