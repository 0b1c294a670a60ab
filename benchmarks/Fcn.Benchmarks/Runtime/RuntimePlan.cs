using System;
using System.Collections.Generic;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// Which cases run and how long each may take. Sized for the 2-core reference machine and the
/// 15-minute budget of benchmarks/run.sh: the VGG16 and ResNet-50 nets at 64x64 and 128x128 (VGG's
/// pad 100 makes even 64x64 a 262x262 first layer), batch 4 only where a step stays around a second.
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
            new RuntimeCase(ModelKind.Fcn8sVgg16, 128, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 64, 4),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 128, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 4),
        },
        new[]
        {
            new RuntimeCase(ModelKind.TinyFcn8s, 128, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 128, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 128, 1),
        },
        ForwardBudget: TimeSpan.FromSeconds(2),
        TrainingBudget: TimeSpan.FromSeconds(3),
        MinRepetitions: 3,
        MaxRepetitions: 30);

    /// <summary>A smoke run: one small case per model, no memory probes.</summary>
    public static RuntimePlan Quick { get; } = new(
        new[]
        {
            new RuntimeCase(ModelKind.TinyFcn8s, 64, 1),
            new RuntimeCase(ModelKind.Fcn8sVgg16, 64, 1),
            new RuntimeCase(ModelKind.FcnResNet50, 64, 1),
        },
        Array.Empty<RuntimeCase>(),
        ForwardBudget: TimeSpan.FromSeconds(0.5),
        TrainingBudget: TimeSpan.FromSeconds(0.5),
        MinRepetitions: 2,
        MaxRepetitions: 10);
}
