using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Benchmarks.Infrastructure;
using Fcn.Benchmarks.Runtime.Onnx;
using Fcn.Runtime.Layers;
using Fcn.Runtime.Weights;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Measures one case in this process: the generated model as it runs now (each convolution's
/// formulation chosen by <see cref="Convolution2d"/>), the same model with every convolution through
/// <c>conv2d</c>, the hand-written model, and each ONNX export of the same weights in ONNX Runtime; all
/// with the same input, interleaved (A B C D A B C D ...), so that load from other processes falls on
/// all of them alike.
/// </summary>
public static class CaseRunner
{
    public static CaseResult Run(RuntimeCase runtimeCase, RuntimePlan plan, int threads)
    {
        manual_seed(0);
        using SegmentationNet generated = NetFactory.Create(runtimeCase.Model, Implementation.Generated);
        using SegmentationNet handWritten = NetFactory.Create(runtimeCase.Model, Implementation.HandWritten);
        var checks = new List<string>();
        string? mismatch = EquivalenceCheck.Run(generated, handWritten, runtimeCase.Size);
        checks.Add(mismatch is null
            ? "hand-written output equals generated output (same weights, max |difference| <= 1e-4 max |output| + 1e-6)"
            : "**hand-written baseline does not match: " + mismatch + "**");

        using Tensor input = randn(runtimeCase.Batch, 3, runtimeCase.Size, runtimeCase.Size);
        using Tensor target = randint(0, NetFactory.Classes(runtimeCase.Model), new long[] { runtimeCase.Batch, runtimeCase.Size, runtimeCase.Size });
        generated.Module.eval();
        handWritten.Module.eval();
        checks.Add(FormulationCheck(generated, input));

        var onnx = OnnxModels(runtimeCase, generated, input, threads, checks);
        try
        {
            var actions = new List<Action>
            {
                Formulated(generated, ConvolutionFormulation.Automatic, Workloads.Forward(generated, input)),
                Formulated(generated, ConvolutionFormulation.Direct, Workloads.Forward(generated, input)),
                Workloads.Forward(handWritten, input),
            };
            actions.AddRange(onnx.Select(model => (Action)(() => model.Model.Forward(input))));
            // The warm-up covers the layout trials of MemoryLayout.Automatic (LayoutTrials: the first calls alternate the
            // layouts). Batch norm folded over the whole measurement, as fcn eval folds it over a pass (BatchNormFolding).
            IReadOnlyList<Timing> forward;
            using (BatchNormFolding.Fold(generated.Module))
                forward = InterleavedTimer.Measure(actions, warmups: 2 * LayoutTrials.TrialsPerLayout, plan.ForwardBudget, plan.MinRepetitions, plan.MaxRepetitions);

            IReadOnlyList<Timing?> training = new Timing?[3];
            if (runtimeCase.Training)
            {
                generated.Module.train();
                handWritten.Module.train();
                (Action generatedStep, IDisposable generatedOptimizer) = Workloads.TrainingStep(generated, input, target);
                (Action handWrittenStep, IDisposable handWrittenOptimizer) = Workloads.TrainingStep(handWritten, input, target);
                using (generatedOptimizer)
                using (handWrittenOptimizer)
                {
                    training = InterleavedTimer.Measure(
                        new[]
                        {
                            Formulated(generated, ConvolutionFormulation.Automatic, generatedStep),
                            Formulated(generated, ConvolutionFormulation.Direct, generatedStep),
                            handWrittenStep,
                        },
                        warmups: 1, plan.TrainingBudget, plan.MinRepetitions, plan.MaxRepetitions);
                }

                Convolution2d.UseFormulation(generated.Module, ConvolutionFormulation.Automatic);
            }

            var rows = new List<ResultRow>
            {
                new(RowLabels.Generated, forward[0], training[0]),
                new(RowLabels.GeneratedDirect, forward[1], training[1]),
                new(RowLabels.HandWritten, forward[2], training[2]),
            };
            rows.AddRange(onnx.Select((model, i) => new ResultRow(model.Label, forward[3 + i], null)));
            long parameters = generated.Module.parameters().Sum(parameter => parameter.numel());
            long flops = ModelSpecs.Flops(runtimeCase.Model, runtimeCase.Size) * runtimeCase.Batch;
            return new CaseResult(runtimeCase, flops, parameters, rows, checks);
        }
        finally
        {
            foreach ((string _, OnnxRuntimeModel model) in onnx) model.Dispose();
        }
    }

    /// <summary>The action with every convolution of the generated model set to <paramref name="formulation"/> first (a walk over ~100 modules: microseconds).</summary>
    private static Action Formulated(SegmentationNet net, ConvolutionFormulation formulation, Action action) => () =>
    {
        Convolution2d.UseFormulation(net.Module, formulation);
        action();
    };

    /// <summary>The chosen formulations compute conv2d's numbers: the bound, max |difference| &lt;= 1e-4 of the output's scale.</summary>
    private static string FormulationCheck(SegmentationNet generated, Tensor input)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        Convolution2d.UseFormulation(generated.Module, ConvolutionFormulation.Direct);
        var direct = generated.Run(input);
        Convolution2d.UseFormulation(generated.Module, ConvolutionFormulation.Automatic);
        var automatic = generated.Run(input);
        double worst = direct.Zip(automatic, RelativeDifference).Max();
        return $"generated output with each convolution's formulation chosen per call vs conv2d everywhere: max |difference| / max |output| = {worst:G2}"
               + (worst <= 1e-4 ? " (<= 1e-4)" : " **(> 1e-4)**");
    }

    private static List<(string Label, OnnxRuntimeModel Model)> OnnxModels(RuntimeCase runtimeCase, SegmentationNet generated, Tensor input, int threads, List<string> checks)
    {
        var models = new List<(string, OnnxRuntimeModel)>();
        string directory = Path.Combine(RepositoryPaths.Results, "onnx");
        Directory.CreateDirectory(directory);
        string weights = Path.Combine(directory, runtimeCase.Model.Key() + ".weights.pt");
        StateDictFile.Write(generated.Module, weights);
        foreach (IOnnxModelSource source in OnnxModelSources.All)
        {
            if (source.Export(runtimeCase, weights, directory) is not { } path) continue;
            var model = new OnnxRuntimeModel(path, threads);
            models.Add((source.Label, model));
            using var inference = inference_mode();
            using var scope = NewDisposeScope();
            var expected = generated.Run(input);
            var actual = model.Run(input);
            double worst = expected.Zip(actual, RelativeDifference).Max();
            checks.Add($"{source.Label} output vs generated: max |difference| / max |output| = {worst:G2}" + (worst <= 1e-4 ? "" : " **(> 1e-4)**"));
        }

        File.Delete(weights);
        return models;
    }

    private static double RelativeDifference(Tensor expected, Tensor actual) =>
        !expected.shape.AsSpan().SequenceEqual(actual.shape)
            ? double.PositiveInfinity
            : (expected - actual).abs().max().item<float>() / Math.Max(expected.abs().max().item<float>(), 1e-12);
}
