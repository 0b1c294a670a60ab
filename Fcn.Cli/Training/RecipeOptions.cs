using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Training.Loss;
using Fcn.Runtime.Training.Optimization;

namespace Fcn.Cli.Training;

/// <summary>
/// How <c>fcn train</c> optimizes: the solver (torchvision's recipe or the paper's), the learning rate,
/// the loss (mean or the paper's sum, class weights, loss sampling) and gradient accumulation.
/// </summary>
internal sealed class RecipeOptions
{
    private readonly Option<string> solver = new("--solver")
    {
        Description = "torchvision (momentum 0.9, decay 1e-4, poly schedule) or paper (momentum 0.99, decay 5e-4, biases at 2x lr without decay, fixed lr).",
        DefaultValueFactory = _ => "torchvision",
    };

    private readonly Option<double> learningRate = new("--lr")
    {
        Description = "Base learning rate (the quick start uses 0.1 on the synthetic shapes; the paper's summed loss needs about 1e-10).",
        DefaultValueFactory = _ => 0.01,
    };

    private readonly Option<string> loss = new("--loss")
    {
        Description = "mean (over valid pixels) or sum (the paper's unnormalized per-pixel loss).",
        DefaultValueFactory = _ => "mean",
    };

    private readonly Option<string?> classWeights = new("--class-weights")
    {
        Description = "One weight per class, comma-separated (e.g. 0.5,1,1,1 weights background down).",
    };

    private readonly Option<double> lossSampling = new("--loss-sampling")
    {
        Description = "Fraction of the valid pixels whose loss terms are kept, drawn at random each step (the paper's patchwise-training equivalence).",
        DefaultValueFactory = _ => 1.0,
    };

    private readonly Option<int> accumulate = new("--accumulate")
    {
        Description = "Batches whose gradients are summed before each optimizer step.",
        DefaultValueFactory = _ => 1,
    };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { solver, learningRate, loss, classWeights, lossSampling, accumulate })
            command.Options.Add(option);
    }

    public SgdOptions Solver(ParseResult parse)
    {
        double rate = parse.GetValue(learningRate);
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new UserError($"--lr {Format(rate)}: the learning rate must be a positive number.");
        return parse.GetValue(solver) switch
        {
            "torchvision" => SgdOptions.TorchVision(rate),
            "paper" => SgdOptions.Paper(rate),
            string other => throw new UserError($"--solver '{other}': use torchvision or paper."),
            null => SgdOptions.TorchVision(rate),
        };
    }

    public SegmentationLossOptions Loss(ParseResult parse, int classes)
    {
        LossReduction reduction = parse.GetValue(loss) switch
        {
            "mean" or null => LossReduction.Mean,
            "sum" => LossReduction.Sum,
            string other => throw new UserError($"--loss '{other}': use mean or sum."),
        };
        double fraction = parse.GetValue(lossSampling);
        if (!(fraction > 0 && fraction <= 1))
            throw new UserError($"--loss-sampling {Format(fraction)}: keep a fraction of the loss terms in (0, 1].");
        return new SegmentationLossOptions(reduction, ClassWeights(parse.GetValue(classWeights), classes), SampleFraction: fraction);
    }

    public int GradientAccumulation(ParseResult parse)
    {
        int batches = parse.GetValue(accumulate);
        if (batches < 1) throw new UserError($"--accumulate {batches}: accumulate at least one batch per step.");
        return batches;
    }

    private static double[]? ClassWeights(string? text, int classes)
    {
        if (text is null) return null;
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]) || !(weights[i] >= 0) || double.IsInfinity(weights[i]))
                throw new UserError($"--class-weights '{text}': '{parts[i]}' is not a weight; give {classes} non-negative numbers separated by commas.");
        }
        if (weights.Length != classes)
            throw new UserError($"--class-weights '{text}': {weights.Length} weights for {classes} classes; give one per class.");
        if (weights.All(w => w == 0))
            throw new UserError($"--class-weights '{text}': at least one class needs a positive weight.");
        return weights;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
