using System.Collections.Generic;
using System.Linq;

namespace Fcn.Dsl.Model;

/// <summary>
/// A validated, fully resolved FCN: the typed intermediate representation that the source generator
/// emits C# from and that the tools summarise and draw. It holds no source locations, so an edit of a
/// spec that only moves text around yields an equal model (and the generator emits nothing again).
/// </summary>
/// <param name="TypeName">The C# class name (<c>model:</c>).</param>
/// <param name="Namespace">The C# namespace (<c>namespace:</c>, else the project's default), or null for none.</param>
/// <param name="Description">The spec's <c>description:</c>, or its leading comment.</param>
/// <param name="Classes">Default number of classes (<c>classes:</c>).</param>
/// <param name="InputChannels">Channels of the input image (<c>input_channels:</c>, default 3); with several <c>inputs:</c>, their sum.</param>
/// <param name="Nodes">All nodes in a topological order; node 0 is the input.</param>
/// <param name="Outputs">Named outputs; the first is <c>out</c>.</param>
/// <param name="SpecFile">The spec's file name (no directory, so output does not depend on the machine).</param>
/// <param name="CanonicalSpec">The resolved spec as canonical YAML (extends and variants applied, comments dropped).</param>
public sealed record FcnModel(
    string TypeName,
    string? Namespace,
    string? Description,
    int Classes,
    int InputChannels,
    EquatableArray<SpecParameter> Parameters,
    EquatableArray<Node> Nodes,
    EquatableArray<ModelOutput> Outputs,
    string SpecFile,
    string CanonicalSpec)
{
    /// <summary>Learnable parameters of the whole model at the default class count.</summary>
    public long TotalParameters
    {
        get
        {
            long total = 0;
            foreach (Node node in Nodes) total += node.Analysis.Parameters;
            return total;
        }
    }

    /// <summary>The coarsest stride any node reaches, rounded up: 32 for the VGG16 FCNs, 8 for the dilated ResNets.</summary>
    public long OutputStride
    {
        get
        {
            long stride = 1;
            foreach (Node node in Nodes)
            {
                Rational value = node.Analysis.Stride;
                long whole = (value.Numerator + value.Denominator - 1) / value.Denominator;
                if (whole > stride) stride = whole;
            }
            return stride;
        }
    }

    /// <summary>
    /// The largest receptive field of any node, in input pixels. It counts the upsampling layers too, so it
    /// exceeds the backbone's (VGG16's fc7: 404, the paper's table 1; FCN-8s's final crop: 460).
    /// </summary>
    public long ReceptiveField
    {
        get
        {
            long largest = 0;
            foreach (Node node in Nodes)
                if (node.Analysis.ReceptiveField > largest) largest = node.Analysis.ReceptiveField;
            return largest;
        }
    }

    public bool HasAuxiliaryOutputs => Outputs.Count > 1;

    private readonly ClassCounts? classCounts;

    /// <summary>
    /// The class counts symbolic channels are evaluated at: <see cref="Classes"/>, and the outputs that
    /// declare their own (<c>outputs: { sem: { node: score_sem, classes: 33 } }</c>).
    /// </summary>
    public ClassCounts ClassCounts
    {
        get => classCounts ?? Classes;
        init => classCounts = value;
    }

    /// <summary>
    /// The input nodes, in declaration order: one (<c>input</c>) for a spec without <c>inputs:</c>, else one per
    /// declared input (<c>color</c>, <c>hha</c>). They come first in <see cref="Nodes"/>; generated code takes
    /// them as <c>forward</c>'s arguments in this order.
    /// </summary>
    public IReadOnlyList<Node> InputNodes => Nodes.Where(node => node.Operation is InputOperation).ToList();

    /// <summary>True when the spec declares more than one input (a fusion net such as NYUD's color and HHA).</summary>
    public bool HasSeveralInputs => InputNodes.Count > 1;

    /// <summary>
    /// The nodes some output depends on (<see cref="Liveness"/>), in topological order, the input included.
    /// A backend computes these and only these; the compiler has warned about the others.
    /// </summary>
    public IReadOnlyList<Node> LiveNodes
    {
        get
        {
            var live = Liveness.Of(Nodes, Outputs.Select(output => output.Node));
            return Nodes.Where(node => live.Contains(node.Name)).ToList();
        }
    }

    /// <summary>
    /// The catalogue entry the backbone was expanded from (<c>vgg16</c>, <c>alexnet</c>, <c>resnet50</c>, <c>resnet101</c>),
    /// or null when the spec writes its layers out. Backends that draw or export the trunk as one unit read it here.
    /// </summary>
    public string? CatalogueBackbone { get; init; }

    /// <summary>The taps that the head or an output reads, in declaration order, with the names the spec gives them.</summary>
    public EquatableArray<ModelTap> Taps { get; init; } = EquatableArray<ModelTap>.Empty;

    /// <summary>
    /// The weight files the model was published with (<c>weights:</c>), in declaration order: its own trained
    /// weights, or an ImageNet classifier for the backbone. Empty when the spec names none.
    /// </summary>
    public EquatableArray<PublishedWeightFile> PublishedWeights { get; init; } = EquatableArray<PublishedWeightFile>.Empty;

    /// <summary>
    /// The class counts a backend's constructor takes, in order: null (the spec's <c>classes</c>) when some output
    /// or node uses it, then one per output that declares its own, in output order (SIFT Flow: <c>sem</c>,
    /// <c>geo</c>; the generated C# names them <c>classesSem</c>, <c>classesGeo</c>, the PyTorch export <c>classes_sem</c>).
    /// </summary>
    public IReadOnlyList<string?> ConstructorClassSets
    {
        get
        {
            var sets = new List<string?>();
            bool usesDefault = !ClassCounts.IsMultiTask
                || Outputs.Any(output => output.ClassSet is null)
                || Nodes.Any(node => node.Analysis.Channels.DependsOnClasses && node.Analysis.Channels.ClassSet is null);
            if (usesDefault) sets.Add(null);
            foreach (ModelOutput output in Outputs)
                if (output.ClassSet is { } set) sets.Add(set);
            return sets;
        }
    }
}
