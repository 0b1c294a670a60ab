namespace Fcn.Runtime.Evaluation;

/// <summary>The confusion of one head of a model over a dataset (a single-task model has one, its main output).</summary>
/// <param name="Head">The head's name (<c>sem</c>, <c>geo</c>; <c>out</c> for a single-task spec).</param>
/// <param name="Confusion">Its pixels of true class i predicted as class j; the head's void label is not counted.</param>
public sealed record HeadEvaluation(string Head, ConfusionMatrix Confusion)
{
    /// <summary>The paper's four metrics of this head, and its per-class values.</summary>
    public SegmentationMetrics Metrics => Confusion.Metrics();
}
