using System;
using System.Collections.Generic;
using System.Numerics;

namespace Fcn.Runtime.Layers;

/// <summary>
/// One convolution's measured choice between <see cref="MemoryLayout.ChannelsFirst"/> and
/// <see cref="MemoryLayout.ChannelsLast"/> (<see cref="MemoryLayout.Automatic"/> in inference), per size class.
/// </summary>
/// <remarks>
/// <para>Why measure: oneDNN's kernels for the two layouts differ per layer, and by CPU. On this project's 2-core
/// AMD EPYC machines channels-last made whole forward passes faster on one CPU family and slower on another, and
/// on one machine FCN-ResNet50's 3x3 head over 2048 channels ran nearly twice as fast NCHW while FCN-8s's 3x3s
/// over 512 channels ran a little faster channels-last (<c>Fcn.Benchmarks layout</c> lists each large layer's
/// trial times; docs/benchmarks.md).
/// No fixed rule picks both; a measurement does, on whatever machine runs the model.</para>
/// <para>How, at no extra cost: the first <see cref="TrialsPerLayout"/> x 2 calls of a size class alternate the
/// layouts (first, last, first, last), each call computing its real output, and time themselves. Every layer of a
/// model starts its trials on the same pass, so in each trial pass the whole model runs in one layout and no layer
/// converts its input. Then the layout with the lower best time is the decision for that size class (a tie keeps
/// channels-last). Comparing best times leaves out the first call's one-off costs (oneDNN builds its kernel then)
/// and a call slowed by another process. After the trials a layer keeps the layout its input arrives in unless the
/// other measured more than <see cref="ConversionMargin"/> faster, so layouts change only where it pays.</para>
/// <para>A size class is the output's positions (batch x out_h x out_w) rounded down to a power of two, so images
/// of slightly different sizes (an evaluation set) share one decision. Not thread-safe beyond its lock: one
/// module used from several threads shares one record, which is what the decision is about.</para>
/// </remarks>
public sealed class LayoutTrials
{
    /// <summary>Timed calls per layout before the choice is made.</summary>
    public const int TrialsPerLayout = 3;

    /// <summary>
    /// How much faster the other layout must have measured before a call converts its input to it: the conversion
    /// (a copy of the input) and timing noise are not in the trials, which run every layer in the same layout.
    /// </summary>
    public const double ConversionMargin = 0.10;

    private readonly object gate = new();
    private readonly Dictionary<int, Trial> trials = new();

    /// <summary>The size class of a call with <paramref name="positions"/> output positions: floor(log2(positions)), 0 for one position or none.</summary>
    public static int SizeClass(long positions) => positions <= 1 ? 0 : BitOperations.Log2((ulong)positions);

    /// <summary>
    /// The layout the next call of <paramref name="sizeClass"/> computes in, for an input that arrives in
    /// <paramref name="incoming"/>: the next trial's; after the trials the incoming layout unless the other one
    /// measured more than <see cref="ConversionMargin"/> faster (an input in neither layout gets the faster).
    /// </summary>
    public MemoryLayout Next(int sizeClass, MemoryLayout incoming)
    {
        lock (gate)
        {
            Trial trial = TrialOf(sizeClass);
            if (trial.Decision is not { } faster)
                return trial.RunsFirst <= trial.RunsLast ? MemoryLayout.ChannelsFirst : MemoryLayout.ChannelsLast;
            if (incoming == faster || incoming is not (MemoryLayout.ChannelsFirst or MemoryLayout.ChannelsLast)) return faster;
            TimeSpan fasterTime = faster == MemoryLayout.ChannelsFirst ? trial.BestFirst : trial.BestLast;
            TimeSpan incomingTime = faster == MemoryLayout.ChannelsFirst ? trial.BestLast : trial.BestFirst;
            return incomingTime.Ticks > fasterTime.Ticks * (1 + ConversionMargin) ? faster : incoming;
        }
    }

    /// <summary>Whether a call of <paramref name="sizeClass"/> is still a trial (and should be timed and <see cref="Record"/>ed).</summary>
    public bool IsTrial(int sizeClass)
    {
        lock (gate) return TrialOf(sizeClass).Decision is null;
    }

    /// <summary>Records that a trial call of <paramref name="sizeClass"/> in <paramref name="layout"/> took <paramref name="elapsed"/>; decides after the last trial.</summary>
    public void Record(int sizeClass, MemoryLayout layout, TimeSpan elapsed)
    {
        if (layout is not (MemoryLayout.ChannelsFirst or MemoryLayout.ChannelsLast))
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "Trials compare ChannelsFirst and ChannelsLast.");
        lock (gate)
        {
            Trial trial = TrialOf(sizeClass);
            if (trial.Decision is not null) return;
            if (layout == MemoryLayout.ChannelsFirst)
            {
                trial.BestFirst = trial.RunsFirst == 0 || elapsed < trial.BestFirst ? elapsed : trial.BestFirst;
                trial.RunsFirst++;
            }
            else
            {
                trial.BestLast = trial.RunsLast == 0 || elapsed < trial.BestLast ? elapsed : trial.BestLast;
                trial.RunsLast++;
            }

            if (trial.RunsFirst >= TrialsPerLayout && trial.RunsLast >= TrialsPerLayout)
                trial.Decision = trial.BestFirst < trial.BestLast ? MemoryLayout.ChannelsFirst : MemoryLayout.ChannelsLast;
        }
    }

    /// <summary>The decision and the best trial times for each size class decided so far (for reports: which layers chose what, and why).</summary>
    public IReadOnlyDictionary<int, LayoutDecision> Decisions
    {
        get
        {
            lock (gate)
            {
                var decisions = new SortedDictionary<int, LayoutDecision>();
                foreach (var (sizeClass, trial) in trials)
                    if (trial.Decision is { } decision) decisions[sizeClass] = new LayoutDecision(decision, trial.BestFirst, trial.BestLast);
                return decisions;
            }
        }
    }

    /// <summary>Forgets every measurement (after a change that makes them stale, such as another thread count).</summary>
    public void Reset()
    {
        lock (gate) trials.Clear();
    }

    private Trial TrialOf(int sizeClass)
    {
        if (!trials.TryGetValue(sizeClass, out Trial? trial))
            trials[sizeClass] = trial = new Trial();
        return trial;
    }

    private sealed class Trial
    {
        public int RunsFirst;
        public int RunsLast;
        public TimeSpan BestFirst;
        public TimeSpan BestLast;
        public MemoryLayout? Decision;
    }
}

/// <summary>What <see cref="LayoutTrials"/> decided for one size class, from the best time of each layout's trials.</summary>
public sealed record LayoutDecision(MemoryLayout Layout, TimeSpan BestChannelsFirst, TimeSpan BestChannelsLast);
