using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Transforms;
using Fcn.Runtime.Evaluation;
using Fcn.Runtime.Training.Checkpoints;
using Fcn.Runtime.Training.Loss;
using Fcn.Runtime.Training.Optimization;
using Fcn.Runtime.Training.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training;

/// <summary>
/// Trains any generated FCN (an <see cref="nn.Module"/> implementing <see cref="ISegmentationModel"/>):
/// SGD with momentum, per-pixel loss with void ignored, auxiliary outputs weighted, gradient
/// accumulation, validation after every epoch, checkpoints every epoch, at the best mean IU, on
/// cancellation and before a failure propagates. A run resumed from a checkpoint continues bit for bit.
/// </summary>
public sealed class SegmentationTrainer : IDisposable
{
    private const string LastCheckpointName = "last.ckpt";
    private const string BestCheckpointName = "best.ckpt";
    private const long LossSamplingStream = 3;

    private readonly nn.Module _model;
    private readonly ISegmentationModel _segmentation;
    private readonly SegmentationLoss _loss;
    private readonly ITrainingObserver _observer;
    private readonly Device _device;
    private bool _resumed;
    private MultiTaskLoss? _multiTask;
    private DataBinding? _validationBinding;
    private IReadOnlyList<HeadEvaluation>? _lastHeads;

    /// <summary>Prepares to train <paramref name="model"/>; the model is moved to the training device.</summary>
    public SegmentationTrainer(nn.Module model, TrainingOptions options, ITrainingObserver? observer = null)
    {
        _segmentation = SegmentationModels.Require(model, nameof(model));
        if (options.Epochs < 1 || options.BatchSize < 1 || options.GradientAccumulation < 1)
        {
            throw new ArgumentException("Epochs, batch size and gradient accumulation must be at least 1.", nameof(options));
        }

        _model = model;
        Options = options;
        _observer = observer ?? NullTrainingObserver.Instance;
        _device = options.Device ?? FcnDevice.Default;
        _model.to(_device);
        _loss = new SegmentationLoss(options.Loss ?? new SegmentationLossOptions());
        Optimizer = new MomentumSgd(_model.named_parameters().Select(p => (p.name, p.parameter)), options.Optimizer);
        Progress = TrainingProgress.Start(options.Seed);
    }

    /// <summary>The run's options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The optimizer (its momentum buffers are part of every checkpoint).</summary>
    public MomentumSgd Optimizer { get; }

    /// <summary>Where the run stands.</summary>
    public TrainingProgress Progress { get; private set; }

    /// <summary>Path of the latest checkpoint (<c>last.ckpt</c>) in <paramref name="directory"/>.</summary>
    public static string LastCheckpointPath(string directory) => Path.Combine(directory, LastCheckpointName);

    /// <summary>Path of the best-mean-IU checkpoint (<c>best.ckpt</c>) in <paramref name="directory"/>.</summary>
    public static string BestCheckpointPath(string directory) => Path.Combine(directory, BestCheckpointName);

    /// <summary>Restores model, optimizer, progress and torch's generator from a checkpoint.</summary>
    public void Resume(string checkpointPath)
    {
        TrainingProgress progress = CheckpointFile.Load(checkpointPath, _model, Optimizer);
        if (progress.Seed != Options.Seed)
        {
            throw new InvalidDataException(
                $"{checkpointPath} was written by a run with seed {progress.Seed}; this run has seed {Options.Seed}.");
        }

        Progress = progress;
        _resumed = true;
    }

    /// <summary>
    /// Trains until all epochs are done, <see cref="TrainingOptions.MaxSteps"/> is reached or
    /// <paramref name="cancellation"/> fires (checked after every step).
    /// </summary>
    public TrainingResult Fit(ISegmentationDataset train, ISegmentationDataset? validation = null, CancellationToken cancellation = default)
    {
        ImageNormalization normalization = Options.Normalization ?? ImageNormalization.Caffe;
        DataBinding binding = DataBinding.Create(_segmentation.Info, train, Options.Binding, Options.HeadClasses);
        _validationBinding = validation is null ? null : DataBinding.Create(_segmentation.Info, validation, Options.Binding, Options.HeadClasses);
        // A plain binding (one RGB input, one head with void 255) trains exactly as before named inputs existed.
        _multiTask = binding.IsPlain
            ? null
            : new MultiTaskLoss(_loss.Options, binding.Heads, _segmentation.Info.Outputs.Count, Options.AuxiliaryLossWeight);
        var loader = new SegmentationLoader(train, new LoaderOptions(
            normalization, Options.BatchSize, Shuffle: true, Options.Augmentation, Options.SkipBadSamples, Options.Seed, binding));
        SegmentationLoader? validationLoader = validation is null
            ? null
            : new SegmentationLoader(validation, new LoaderOptions(normalization, SkipBadSamples: Options.SkipBadSamples, Binding: _validationBinding));

        if (!_resumed && Progress.Step == 0)
        {
            // Dropout draws from torch's generator: seed it so a fresh run is reproducible too.
            random.manual_seed(Options.Seed);
        }

        long stepsPerEpoch = (loader.BatchesPerEpoch + Options.GradientAccumulation - 1) / Options.GradientAccumulation;
        var run = new RunClock(stepsPerEpoch * Options.Epochs, Progress.Step);
        SegmentationMetrics? lastMetrics = null;
        double lastLoss = double.NaN;
        _model.train();

        try
        {
            while (Progress.Epoch < Options.Epochs)
            {
                var epochLosses = new List<double>();
                int microBatches = 0;
                double stepLoss = 0;
                int stepImages = 0;
                foreach ((int index, SegmentationBatch batch) in loader.Batches(Progress.Epoch, Progress.BatchInEpoch))
                {
                    using (batch)
                    {
                        stepLoss += ForwardBackward(batch, microBatches);
                        stepImages += batch.Count;
                    }

                    microBatches++;
                    if (microBatches < Options.GradientAccumulation)
                    {
                        continue;
                    }

                    lastLoss = FinishStep(run, stepLoss, stepImages, index + 1);
                    epochLosses.Add(lastLoss);
                    (microBatches, stepLoss, stepImages) = (0, 0, 0);
                    if (ShouldStop(cancellation))
                    {
                        SaveCheckpoint(LastCheckpointName, "stopped");
                        return Result(cancellation.IsCancellationRequested, lastMetrics, lastLoss, loader);
                    }
                }

                if (microBatches > 0)
                {
                    // The epoch's last, shorter accumulation still makes a step.
                    lastLoss = FinishStep(run, stepLoss, stepImages, loader.BatchesPerEpoch);
                    epochLosses.Add(lastLoss);
                }

                int finished = Progress.Epoch;
                Progress = Progress with { Epoch = finished + 1, BatchInEpoch = 0 };
                _observer.OnEpochEnd(new EpochReport(
                    finished, epochLosses.Count > 0 ? epochLosses.Average() : double.NaN, Progress.Step, run.Elapsed, loader.Skipped.Count));

                if (validationLoader is not null)
                {
                    lastMetrics = Validate(validationLoader, finished);
                }

                SaveCheckpoint(LastCheckpointName, "epoch");
                if (ShouldStop(cancellation))
                {
                    return Result(cancellation.IsCancellationRequested, lastMetrics, lastLoss, loader);
                }
            }
        }
        catch (Exception) when (Options.CheckpointDirectory is not null)
        {
            // Never lose the run: the model is consistent with Progress (the failed step was not applied).
            Optimizer.ZeroGrad();
            SaveCheckpoint(LastCheckpointName, "failure");
            throw;
        }

        return Result(false, lastMetrics, lastLoss, loader);
    }

    /// <inheritdoc />
    public void Dispose() => Optimizer.Dispose();

    private double ForwardBackward(SegmentationBatch batch, int microBatch)
    {
        using var scope = NewDisposeScope();
        Tensor images = batch.Images.to(_device);
        Tensor masks = batch.Masks.to(_device);
        IReadOnlyList<Tensor> outputs = _segmentation.ForwardOutputs(images);
        Tensor loss;
        if (_multiTask is not null)
        {
            loss = _multiTask.Compute(outputs, batch.HeadMasks.Select(mask => mask.to(_device)).ToArray(), output => Sampler(microBatch, output));
        }
        else
        {
            loss = _loss.Compute(outputs[0], masks, Sampler(microBatch, 0));
            for (int aux = 1; aux < outputs.Count; aux++)
            {
                loss = loss.add(_loss.Compute(outputs[aux], masks, Sampler(microBatch, aux)), Options.AuxiliaryLossWeight);
            }
        }

        Tensor scaled = loss.div(Options.GradientAccumulation);
        scaled.backward();
        return scaled.item<float>();
    }

    private KeyedRandom? Sampler(int microBatch, int output) =>
        _loss.Options.SampleFraction < 1
            ? new KeyedRandom(Options.Seed, LossSamplingStream, Progress.Step, microBatch, output)
            : null;

    private double FinishStep(RunClock run, double loss, int images, int nextBatch)
    {
        double factor = Options.Optimizer.Schedule.Factor(Progress.Step, run.TotalSteps, Options.Optimizer.PolyPower);
        Optimizer.Step(factor);
        Optimizer.ZeroGrad();
        Progress = Progress with { Step = Progress.Step + 1, BatchInEpoch = nextBatch };
        run.Count(images);
        _observer.OnStep(new StepReport(
            Progress.Step, run.TotalSteps, Progress.Epoch, Options.Epochs, loss,
            Options.Optimizer.LearningRate * factor, run.ImagesPerSecond, run.Remaining(Progress.Step)));
        return loss;
    }

    private bool ShouldStop(CancellationToken cancellation) =>
        cancellation.IsCancellationRequested || (Options.MaxSteps is long max && Progress.Step >= max);

    private SegmentationMetrics Validate(SegmentationLoader validation, int epoch)
    {
        SegmentationMetrics metrics;
        if (_validationBinding is { IsPlain: false } binding)
        {
            // Every head is scored; the main head's mean IU picks the best checkpoint.
            _lastHeads = SegmentationEvaluator.EvaluateHeads(_model, validation, _device, binding);
            metrics = _lastHeads[0].Metrics;
        }
        else
        {
            metrics = SegmentationEvaluator.Evaluate(_model, validation, _device).Metrics();
        }

        Progress = Progress with { LastMeanIU = metrics.MeanIU };
        bool isBest = !double.IsNaN(metrics.MeanIU) && (double.IsNaN(Progress.BestMeanIU) || metrics.MeanIU > Progress.BestMeanIU);
        if (isBest)
        {
            Progress = Progress with { BestMeanIU = metrics.MeanIU };
            SaveCheckpoint(BestCheckpointName, "best");
        }

        _observer.OnValidation(new ValidationReport(epoch, Progress.Step, metrics, isBest, Options.ClassNames));
        return metrics;
    }

    private void SaveCheckpoint(string name, string reason)
    {
        if (Options.CheckpointDirectory is null)
        {
            return;
        }

        string path = Path.Combine(Options.CheckpointDirectory, name);
        CheckpointFile.Save(path, _model, Optimizer, Progress);
        _observer.OnCheckpoint(new CheckpointReport(path, reason, Progress.Step));
    }

    private TrainingResult Result(bool cancelled, SegmentationMetrics? metrics, double loss, SegmentationLoader loader) =>
        new(Progress, cancelled, metrics, loss, loader.Skipped.ToArray()) { LastHeadEvaluations = metrics is null ? null : _lastHeads };

    /// <summary>Throughput and time-to-go since this process started (or resumed) the run.</summary>
    private sealed class RunClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly long _firstStep;
        private long _images;

        public RunClock(long totalSteps, long firstStep)
        {
            TotalSteps = totalSteps;
            _firstStep = firstStep;
        }

        public long TotalSteps { get; }

        public TimeSpan Elapsed => _watch.Elapsed;

        public double ImagesPerSecond => _images / Math.Max(1e-9, _watch.Elapsed.TotalSeconds);

        public void Count(int images) => _images += images;

        public TimeSpan? Remaining(long step)
        {
            long done = step - _firstStep;
            return done <= 0 ? null : TimeSpan.FromSeconds(_watch.Elapsed.TotalSeconds / done * Math.Max(0, TotalSteps - step));
        }
    }
}
