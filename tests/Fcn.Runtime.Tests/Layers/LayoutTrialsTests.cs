using System;
using Fcn.Runtime.Layers;
using Xunit;

namespace Fcn.Runtime.Tests.Layers;

/// <summary>
/// <see cref="LayoutTrials"/>' decisions from given timings (no tensors, no clock): the trial order, the decision
/// by best time, the conversion margin, and size classes.
/// </summary>
public sealed class LayoutTrialsTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    /// <summary>Runs the trials of <paramref name="sizeClass"/> with the given times (ms), in the order <see cref="LayoutTrials.Next"/> asks for.</summary>
    private static void Trial(LayoutTrials trials, int sizeClass, double[] firstMs, double[] lastMs)
    {
        int first = 0, last = 0;
        while (trials.IsTrial(sizeClass))
        {
            MemoryLayout layout = trials.Next(sizeClass, MemoryLayout.ChannelsFirst);
            double ms = layout == MemoryLayout.ChannelsFirst ? firstMs[first++] : lastMs[last++];
            trials.Record(sizeClass, layout, ms * Ms);
        }

        Assert.Equal(LayoutTrials.TrialsPerLayout, first);
        Assert.Equal(LayoutTrials.TrialsPerLayout, last);
    }

    [Fact]
    public void Trials_alternate_starting_with_NCHW_and_the_best_time_decides()
    {
        var trials = new LayoutTrials();
        var order = new MemoryLayout[2 * LayoutTrials.TrialsPerLayout];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = trials.Next(9, MemoryLayout.ChannelsFirst);
            // NCHW: 50, 30, 31 ms (the first call builds oneDNN's kernel); channels-last: 40, 35, 36 ms.
            double ms = order[i] == MemoryLayout.ChannelsFirst ? new[] { 50.0, 30, 31 }[i / 2] : new[] { 40.0, 35, 36 }[i / 2];
            trials.Record(9, order[i], ms * Ms);
        }

        Assert.Equal(new[] { MemoryLayout.ChannelsFirst, MemoryLayout.ChannelsLast, MemoryLayout.ChannelsFirst, MemoryLayout.ChannelsLast, MemoryLayout.ChannelsFirst, MemoryLayout.ChannelsLast }, order);
        // Best NCHW 30 ms < best channels-last 35 ms, although the first NCHW call (50) was the slowest of all.
        Assert.Equal(new LayoutDecision(MemoryLayout.ChannelsFirst, 30 * Ms, 35 * Ms), trials.Decisions[9]);
        Assert.False(trials.IsTrial(9));
        Assert.True(trials.IsTrial(10));
    }

    [Fact]
    public void After_the_trials_an_input_keeps_its_layout_unless_the_other_won_by_more_than_the_margin()
    {
        var trials = new LayoutTrials();
        // Class 5: channels-last best 100 ms, NCHW best 105 ms: 5 % apart, inside the 10 % margin.
        Trial(trials, 5, firstMs: new[] { 105.0, 106, 107 }, lastMs: new[] { 100.0, 101, 102 });
        Assert.Equal(MemoryLayout.ChannelsLast, trials.Decisions[5].Layout);
        Assert.Equal(MemoryLayout.ChannelsFirst, trials.Next(5, MemoryLayout.ChannelsFirst));
        Assert.Equal(MemoryLayout.ChannelsLast, trials.Next(5, MemoryLayout.ChannelsLast));

        // Class 6: channels-last best 100 ms, NCHW best 150 ms: 50 % apart, so an NCHW input is converted.
        Trial(trials, 6, firstMs: new[] { 150.0, 151, 152 }, lastMs: new[] { 100.0, 101, 102 });
        Assert.Equal(MemoryLayout.ChannelsLast, trials.Next(6, MemoryLayout.ChannelsFirst));
        // An input in neither layout (other strides) gets the faster one.
        Assert.Equal(MemoryLayout.ChannelsLast, trials.Next(5, MemoryLayout.AsGiven));
    }

    [Fact]
    public void A_tie_keeps_channels_last_and_Reset_forgets()
    {
        var trials = new LayoutTrials();
        Trial(trials, 3, firstMs: new[] { 10.0, 10, 10 }, lastMs: new[] { 10.0, 10, 10 });
        Assert.Equal(MemoryLayout.ChannelsLast, trials.Decisions[3].Layout);
        trials.Reset();
        Assert.Empty(trials.Decisions);
        Assert.True(trials.IsTrial(3));
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(1L, 0)]
    [InlineData(2L, 1)]
    [InlineData(784L, 9)]   // 28 x 28: 512 <= 784 < 1024
    [InlineData(1024L, 10)]
    [InlineData(3136L, 11)] // 56 x 56: 2048 <= 3136 < 4096
    public void The_size_class_is_log2_of_the_positions_rounded_down(long positions, int sizeClass) =>
        Assert.Equal(sizeClass, LayoutTrials.SizeClass(positions));

    [Fact]
    public void Only_the_two_layouts_are_recorded() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayoutTrials().Record(0, MemoryLayout.AsGiven, Ms));
}
