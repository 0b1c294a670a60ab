using System;

namespace Fcn.Runtime.Training.Optimization;

/// <summary>How the learning rate changes over the run.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant, as in the FCN reference solvers.</summary>
    Fixed,

    /// <summary>torchvision's reference recipe: lr * (1 - step / totalSteps)^power, updated every step.</summary>
    Poly,
}

/// <summary>The factor a schedule applies to the base learning rate.</summary>
public static class LearningRateScheduleExtensions
{
    /// <summary>The factor at <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public static double Factor(this LearningRateSchedule schedule, long step, long totalSteps, double power) => schedule switch
    {
        LearningRateSchedule.Fixed => 1.0,
        LearningRateSchedule.Poly => Math.Pow(Math.Max(0.0, 1.0 - (double)step / Math.Max(1, totalSteps)), power),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, null),
    };
}
