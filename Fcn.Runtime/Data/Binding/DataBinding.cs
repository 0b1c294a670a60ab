using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Fcn.Runtime.Data.Binding;

/// <summary>
/// How a dataset's named inputs and labels map onto a model's inputs (<see cref="FcnModelInfo.Inputs"/>, in the
/// order <see cref="ISegmentationModel.ForwardOutputs"/> takes them stacked) and heads (<see cref="FcnModelInfo.Heads"/>).
/// Names match by equality, an explicit map overrides them, and a model with one input (or one head) takes a
/// dataset's only input (or label) whatever it is called, so every plain image/mask dataset fits every plain model.
/// </summary>
public sealed class DataBinding
{
    private DataBinding(IReadOnlyList<InputBinding> inputs, IReadOnlyList<HeadBinding> heads)
    {
        Inputs = inputs;
        Heads = heads;
    }

    /// <summary>One entry per model input, in the model's order.</summary>
    public IReadOnlyList<InputBinding> Inputs { get; }

    /// <summary>One entry per model head, in the model's order (the main head first).</summary>
    public IReadOnlyList<HeadBinding> Heads { get; }

    /// <summary>
    /// True for one 0..255 RGB input with the model's convention and one head with void 255 and weight 1: the
    /// binding of every single-input, single-task run, which the loader and the trainer handle exactly as before
    /// named inputs existed.
    /// </summary>
    public bool IsPlain =>
        Inputs.Count == 1 && Inputs[0].Encoding == InputEncoding.Image && Inputs[0].Normalization is null
        && Heads.Count == 1 && Heads[0].VoidLabel == 255 && Heads[0].Weight == 1.0;

    /// <summary>Binds <paramref name="dataset"/> to <paramref name="model"/>.</summary>
    /// <param name="model">The model's description.</param>
    /// <param name="dataset">The data.</param>
    /// <param name="options">Name maps, void labels and head weights; null for none.</param>
    /// <param name="headClasses">The class count of each head as built, checked against the labels' (null: not checked).</param>
    /// <exception cref="DataMismatchException">The data does not fit the model; the message says how and what to do.</exception>
    public static DataBinding Create(FcnModelInfo model, ISegmentationDataset dataset, DataBindingOptions? options = null, IReadOnlyList<int>? headClasses = null)
    {
        options ??= new DataBindingOptions();
        IReadOnlyList<SampleInputInfo> dataInputs = dataset.Inputs;
        IReadOnlyList<SampleLabelInfo> dataLabels = dataset.Labels;
        RejectUnknownKeys(model, options);

        var inputs = new List<InputBinding>();
        foreach (FcnInputInfo input in model.Inputs)
        {
            SampleInputInfo source = FindInput(model, input, dataInputs, options);
            if (source.Channels != input.Channels)
            {
                throw new DataMismatchException(
                    $"{model.Name}'s input '{input.Name}' has {Channels(input.Channels)} but the data's '{source.Name}' has {Channels(source.Channels)}; "
                    + $"feed it an input with {Channels(input.Channels)} (the model reads {Describe(model.Inputs)}; the data has {Describe(dataInputs)}).");
            }

            inputs.Add(new InputBinding(input.Name, input.Channels, source.Name, source.Encoding, source.Normalization));
        }

        var heads = new List<HeadBinding>();
        for (int h = 0; h < model.Heads.Count; h++)
        {
            string head = model.Heads[h];
            SampleLabelInfo label = FindLabel(model, head, dataLabels, options);
            // Only against the counts the model was built with: a single-task model built for the data's classes
            // (--classes 21) still describes its spec's default.
            int? classes = headClasses is not null && h < headClasses.Count ? headClasses[h] : null;
            if (label.Classes is int labelled && classes is int built && labelled > built)
            {
                throw new DataMismatchException(
                    $"The data's label '{label.Name}' has {labelled} classes but {model.Name}'s head '{head}' predicts {classes}; "
                    + "build the model for the data's classes, or bind the head to another label.");
            }

            long voidLabel = options.VoidLabels is not null && options.VoidLabels.TryGetValue(head, out long v) ? v : label.VoidLabel;
            double weight = options.HeadWeights is not null && options.HeadWeights.TryGetValue(head, out double w) ? w : 1.0;
            heads.Add(new HeadBinding(head, model.Outputs.ToList().IndexOf(head), label.Name, voidLabel, weight));
        }

        return new DataBinding(inputs, heads);
    }

    /// <summary>
    /// Binds only the inputs, for prediction, where labels are not read: each head is bound to a label of its own
    /// name (never loaded) with void 255 and weight 1.
    /// </summary>
    /// <exception cref="DataMismatchException">The data's inputs do not fit the model's.</exception>
    public static DataBinding ForPrediction(FcnModelInfo model, ISegmentationDataset dataset, DataBindingOptions? options = null)
    {
        options ??= new DataBindingOptions();
        return Create(model, new InputsOf(dataset, model.Heads), options with { Labels = null, VoidLabels = null, HeadWeights = null });
    }

    private static SampleInputInfo FindInput(FcnModelInfo model, FcnInputInfo input, IReadOnlyList<SampleInputInfo> data, DataBindingOptions options)
    {
        if (options.Inputs is not null && options.Inputs.TryGetValue(input.Name, out string? mapped))
        {
            return data.FirstOrDefault(d => d.Name == mapped) ?? throw new DataMismatchException(
                $"{model.Name}'s input '{input.Name}' is mapped to the data's input '{mapped}', which the data does not have; it has {Describe(data)}.");
        }

        SampleInputInfo? named = data.FirstOrDefault(d => d.Name == input.Name);
        if (named is not null) return named;
        if (model.Inputs.Count == 1 && data.Count == 1) return data[0];
        throw new DataMismatchException(
            $"{model.Name} reads the inputs {Describe(model.Inputs)} but the data has {Describe(data)}: nothing feeds '{input.Name}'. "
            + $"Map each model input to one of the data's (model=data, e.g. {input.Name}={data[0].Name}), or use data with these inputs.");
    }

    private static SampleLabelInfo FindLabel(FcnModelInfo model, string head, IReadOnlyList<SampleLabelInfo> data, DataBindingOptions options)
    {
        if (options.Labels is not null && options.Labels.TryGetValue(head, out string? mapped))
        {
            return data.FirstOrDefault(d => d.Name == mapped) ?? throw new DataMismatchException(
                $"{model.Name}'s head '{head}' is mapped to the data's label '{mapped}', which the data does not have; it has {string.Join(", ", data.Select(d => d.Name))}.");
        }

        SampleLabelInfo? named = data.FirstOrDefault(d => d.Name == head);
        if (named is not null) return named;
        if (model.Heads.Count == 1 && data.Count == 1) return data[0];
        throw new DataMismatchException(
            $"{model.Name} has the heads {string.Join(", ", model.Heads)} but the data's labels are {string.Join(", ", data.Select(d => d.Name))}: nothing trains '{head}'. "
            + $"Map each head to one of the data's labels (head=label, e.g. {head}={data[0].Name}), or use data labelled for these heads.");
    }

    private static void RejectUnknownKeys(FcnModelInfo model, DataBindingOptions options)
    {
        foreach (string key in options.Inputs?.Keys ?? Enumerable.Empty<string>())
            if (model.Inputs.All(i => i.Name != key))
                throw new DataMismatchException($"{model.Name} has no input '{key}' to map; its inputs are {Describe(model.Inputs)}.");
        foreach (string key in (options.Labels?.Keys ?? Enumerable.Empty<string>())
                     .Concat(options.VoidLabels?.Keys ?? Enumerable.Empty<string>())
                     .Concat(options.HeadWeights?.Keys ?? Enumerable.Empty<string>()))
            if (!model.Heads.Contains(key))
                throw new DataMismatchException($"{model.Name} has no head '{key}'; its heads are {string.Join(", ", model.Heads)}.");
    }

    private static string Channels(int channels) => channels.ToString(CultureInfo.InvariantCulture) + (channels == 1 ? " channel" : " channels");

    private static string Describe(IEnumerable<FcnInputInfo> inputs) => string.Join(", ", inputs.Select(i => $"{i.Name} ({Channels(i.Channels)})"));

    private static string Describe(IEnumerable<SampleInputInfo> inputs) => string.Join(", ", inputs.Select(i => $"{i.Name} ({Channels(i.Channels)})"));

    /// <summary>A dataset's inputs with one label per model head, for binding inputs alone.</summary>
    private sealed class InputsOf : ISegmentationDataset
    {
        private readonly ISegmentationDataset _dataset;
        private readonly IReadOnlyList<string> _heads;

        public InputsOf(ISegmentationDataset dataset, IReadOnlyList<string> heads) => (_dataset, _heads) = (dataset, heads);

        public int Count => _dataset.Count;

        public IReadOnlyList<SampleInputInfo> Inputs => _dataset.Inputs;

        public IReadOnlyList<SampleLabelInfo> Labels => _heads.Select(head => new SampleLabelInfo(head)).ToArray();

        public string NameOf(int index) => _dataset.NameOf(index);

        public SegmentationSample Load(int index) => _dataset.Load(index);
    }
}
