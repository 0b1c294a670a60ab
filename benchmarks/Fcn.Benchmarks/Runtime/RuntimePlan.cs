using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Which cases run and how long each may take, sized for the 2-core reference machine, where one
/// training step of FCN-8s VGG16 at 128x128 takes seconds (its pad 100 makes a 128x128 image a 326x326
/// first layer). The full plan has the sizes issue 13's goals name (FCN-8s at 128x128 and 256x256,
/// FCN-ResNet50 at 224x224, batch 1), the training step of the two at 128x128 and 224x224, and the tiny
/// net of the quick start; the quick plan times the goal cases with fewer repetitions.
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
            new RuntimeCase(ModelKind.TinyFcn8s, 64, 4),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 128, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 256, 1, Training: false),
            new RuntimeCase(ModelKind.FcnResNet50, 224, 1),
        },
        new[]
        {
            new RuntimeCase(ModelKind.TinyFcn8s, 128, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 64, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 1),
        },
        ForwardBudget: TimeSpan.FromSeconds(6),
        // VGG16's training step varies from step to step on this machine (it allocates and frees
        // gigabytes): it needs the repetitions.
        TrainingBudget: TimeSpan.FromSeconds(25),
        MinRepetitions: 5,
        MaxRepetitions: 30);

    /// <summary>The plan restricted to the cases with these keys (e.g. <c>fcn8s:64:1</c>), for a closer look at a few.</summary>
    public RuntimePlan Only(IReadOnlyCollection<string> keys) => this with
    {
        Cases = Cases.Where(c => keys.Contains(c.Key)).ToArray(),
        MemoryCases = MemoryCases.Where(c => keys.Contains(c.Key)).ToArray(),
    };

    /// <summary>The goal cases with few repetitions and no memory probes: a few minutes.</summary>
    public static RuntimePlan Quick { get; } = new(
        new[]
        {
            new RuntimeCase(ModelKind.Fcn8sVgg16, 128, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 224, 1),
        },
        Array.Empty<RuntimeCase>(),
        ForwardBudget: TimeSpan.FromSeconds(1),
        TrainingBudget: TimeSpan.FromSeconds(1),
        MinRepetitions: 3,
        MaxRepetitions: 10);
}
