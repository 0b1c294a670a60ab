namespace Fcn.Runtime.Data.Binding;

/// <summary>Which of the dataset's labels trains and scores one of the model's heads.</summary>
/// <param name="Head">The head (an output name: <c>sem</c>, <c>geo</c>; <c>out</c> for a single-task spec).</param>
/// <param name="OutputIndex">Its position in <see cref="FcnModelInfo.Outputs"/> (and so in <see cref="ISegmentationModel.ForwardOutputs"/>).</param>
/// <param name="Label">The dataset's label it is trained on.</param>
/// <param name="VoidLabel">The label that is neither trained nor scored for this head.</param>
/// <param name="Weight">The factor of this head's loss in the multi-task sum.</param>
public sealed record HeadBinding(string Head, int OutputIndex, string Label, long VoidLabel, double Weight);
