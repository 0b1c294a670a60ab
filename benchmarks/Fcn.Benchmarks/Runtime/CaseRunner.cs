using System;
using System.Linq;
using static TorchSharp.torch;

namespace Fcn.Benchmarks.Runtime;

/// <summary>Measures one case: the generated and the hand-written model, same weights, same input, interleaved.</summary>
public static class CaseRunner
{
    public static CaseResult Run(RuntimeCase runtimeCase, RuntimePlan plan)
    {
        manual_seed(0);
        using SegmentationNet generated = NetFactory.Create(runtimeCase.Model, Implementation.Generated);
        using SegmentationNet handWritten = NetFactory.Create(runtimeCase.Model, Implementation.HandWritten);
        string? mismatch = EquivalenceCheck.Run(generated, handWritten, runtimeCase.Size);

        using Tensor input = randn(runtimeCase.Batch, 3, runtimeCase.Size, runtimeCase.Size);
        using Tensor target = randint(0, NetFactory.Classes(runtimeCase.Model), new long[] { runtimeCase.Batch, runtimeCase.Size, runtimeCase.Size });

        generated.Module.eval();
        handWritten.Module.eval();
        var forward = InterleavedTimer.Measure(
            new[] { Workloads.Forward(generated, input), Workloads.Forward(handWritten, input) },
            warmups: 2, plan.ForwardBudget, plan.MinRepetitions, plan.MaxRepetitions);

        long parameters = generated.Module.parameters().Sum(parameter => parameter.numel());
        long flops = ModelSpecs.Flops(runtimeCase.Model, runtimeCase.Size) * runtimeCase.Batch;
        if (!runtimeCase.Training)
            return new CaseResult(runtimeCase, flops, parameters, forward[0], forward[1], null, null, mismatch);

        generated.Module.train();
        handWritten.Module.train();
        (Action generatedStep, IDisposable generatedOptimizer) = Workloads.TrainingStep(generated, input, target);
        (Action handWrittenStep, IDisposable handWrittenOptimizer) = Workloads.TrainingStep(handWritten, input, target);
        using (generatedOptimizer)
        using (handWrittenOptimizer)
        {
            var training = InterleavedTimer.Measure(
                new[] { generatedStep, handWrittenStep },
                warmups: 1, plan.TrainingBudget, plan.MinRepetitions, plan.MaxRepetitions);
            return new CaseResult(runtimeCase, flops, parameters, forward[0], forward[1], training[0], training[1], mismatch);
        }
    }
}
