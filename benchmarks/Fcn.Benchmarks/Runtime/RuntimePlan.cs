using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Which cases run and how long each may take. Sized for the 2-core reference machine and the
/// 15-minute budget of benchmarks/run.sh, where one training step of FCN-8s VGG16 takes seconds (its
/// pad 100 makes even a 64x64 image a 262x262 first layer, about 45 GFLOP per forward pass): VGG16 and
/// ResNet-50 at 64x64 and 128x128, the training step of VGG16 at 64x64 only, batch 4 for ResNet-50
/// as a forward pass only; the tiny net at 64x64 and 128x128, batch 1 and 4, both workloads.
/// </summary>
public sealed record RuntimePlan(
    IReadOnlyList<RuntimeCase> Cases,
    IReadOnlyList<RuntimeCase> MemoryCases,
    TimeSpan ForwardBudget,
    TimeSpan TrainingBudget,
    int MinRepetitions,
    int MaxRepetitions)
{
    public static RuntimePlan Full { get; } = new(
        new[]
        {
            new RuntimeCase(ModelKind.TinyFcn8s, 64, 1),
            new RuntimeCase(ModelKind.TinyFcn8s, 64, 4),
            new RuntimeCase(ModelKind.TinyFcn8s, 128, 1),
            new RuntimeCase(ModelKind.TinyFcn8s, 128, 4),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 64, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 128, 1, Training: false),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 128, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 4, Training: false),
        },
        new[]
        {
            new RuntimeCase(ModelKind.TinyFcn8s, 128, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 64, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 1),
        },
        ForwardBudget: TimeSpan.FromSeconds(3),
        // VGG16's training step varies between about one and two seconds from step to step on this
        // machine (it allocates and frees gigabytes, so page faults weigh in): it needs the repetitions.
        TrainingBudget: TimeSpan.FromSeconds(15),
        MinRepetitions: 7,
        MaxRepetitions: 30);

    /// <summary>The plan restricted to the cases with these keys (e.g. <c>fcn8s:64:1</c>), for a closer look at a few.</summary>
    public RuntimePlan Only(IReadOnlyCollection<string> keys) => this with
    {
        Cases = Cases.Where(c => keys.Contains(c.Key)).ToArray(),
        MemoryCases = MemoryCases.Where(c => keys.Contains(c.Key)).ToArray(),
    };

    /// <summary>A smoke run: one small case per model, no memory probes.</summary>
    public static RuntimePlan Quick { get; } = new(
        new[]
        {
            new RuntimeCase(ModelKind.TinyFcn8s, 64, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 64, 1, Training: false),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 1),
        },
        Array.Empty<RuntimeCase>(),
        ForwardBudget: TimeSpan.FromSeconds(0.5),
        TrainingBudget: TimeSpan.FromSeconds(0.5),
        MinRepetitions: 2,
        MaxRepetitions: 10);
}
