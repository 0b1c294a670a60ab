using System;
using System.Collections.Generic;
using Fcn.Runtime.Evaluation;

namespace Fcn.Runtime.Training.Reporting;

/// <summary>One optimizer step.</summary>
/// <param name="Step">Steps done, including this one.</param>
/// <param name="TotalSteps">Steps the run will do in all.</param>
/// <param name="Epoch">Epoch in progress (0-based).</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Loss">This step's loss (summed over accumulated micro-batches, each divided by their count).</param>
/// <param name="LearningRate">Base learning rate used for this step (after the schedule).</param>
/// <param name="ImagesPerSecond">Training throughput since the run (or resume) started.</param>
/// <param name="Remaining">Estimated time to the last step, or null before it can be estimated.</param>
public sealed record StepReport(long Step, long TotalSteps, int Epoch, int Epochs, double Loss, double LearningRate, double ImagesPerSecond, TimeSpan? Remaining);

/// <summary>The end of an epoch.</summary>
/// <param name="Epoch">The epoch that ended (0-based).</param>
/// <param name="MeanLoss">Mean step loss over the epoch's steps (in this process).</param>
/// <param name="Step">Steps done.</param>
/// <param name="Elapsed">Wall time since the run (or resume) started.</param>
/// <param name="SkippedSamples">Samples skipped so far because they failed to load.</param>
public sealed record EpochReport(int Epoch, double MeanLoss, long Step, TimeSpan Elapsed, int SkippedSamples);

/// <summary>A validation pass.</summary>
/// <param name="Epoch">The epoch after which it ran (0-based).</param>
/// <param name="Step">Steps done.</param>
/// <param name="Metrics">The paper's metrics on the validation split.</param>
/// <param name="IsBest">Whether this is the best mean IU so far.</param>
/// <param name="ClassNames">Class names for per-class tables, or null.</param>
public sealed record ValidationReport(int Epoch, long Step, SegmentationMetrics Metrics, bool IsBest, IReadOnlyList<string>? ClassNames);

/// <summary>A checkpoint written.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason"><c>epoch</c>, <c>best</c>, <c>stopped</c> (step limit or cancellation) or <c>failure</c>.</param>
/// <param name="Step">Steps done.</param>
public sealed record CheckpointReport(string Path, string Reason, long Step);
