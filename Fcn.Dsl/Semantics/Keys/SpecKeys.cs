using System.Collections.Generic;

namespace Fcn.Dsl.Semantics.Keys;

/// <summary>
/// Every key the language accepts, by place, in canonical order (the order the canonical spec writes
/// them). This table is the single source of truth: the parser checks keys against it, and a test
/// compares it with docs/spec.md and docs/fcn-spec.schema.json so the three cannot drift apart.
/// </summary>
public static class SpecKeys
{
    public static IReadOnlyList<string> TopLevel { get; } = new[]
    {
        "model", "namespace", "description", "extends", "remove", "classes", "input_channels",
        "inputs",
        "parameters", "backbone", "head", "outputs", "weights", "variants",
    };

    /// <summary>Keys of a parameter written as a mapping (<c>name: { default: 0.5, description: ... }</c>).</summary>
    public static IReadOnlyList<string> Parameter { get; } = new[] { "default", "description" };

    /// <summary>Keys of <c>backbone:</c> written as a mapping.</summary>
    public static IReadOnlyList<string> Backbone { get; } = new[] { "use", "name", "output_stride", "layers", "taps", "from", "suffix", "rename" };

    /// <summary>Keys of an output written as a mapping (<c>sem: { node: score_sem, classes: 33 }</c>).</summary>
    public static IReadOnlyList<string> Output { get; } = new[] { "node", "classes" };

    /// <summary>Keys of an entry of <c>weights:</c>, the files a model was published with.</summary>
    public static IReadOnlyList<string> Weights { get; } = new[] { "name", "for", "url", "sha256" };

    /// <summary>Words accepted by a <c>weights:</c> entry's <c>for:</c>.</summary>
    public static IReadOnlyList<string> WeightPurposes { get; } = new[] { "model", "backbone" };

    /// <summary>Keys that a variant may not use: a variant always extends the spec it is written in.</summary>
    public static IReadOnlyList<string> NotInVariant { get; } = new[] { "extends" };

    /// <summary>Ops of written-out backbone layers and their keys.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LayerOps { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["conv"] = new[] { "name", "op", "out", "kernel", "stride", "pad", "dilation", "groups", "bias", "init", "std" },
        ["batchnorm"] = new[] { "name", "op", "eps", "momentum" },
        ["relu"] = new[] { "name", "op" },
        ["maxpool"] = new[] { "name", "op", "kernel", "stride", "pad", "ceil" },
        ["avgpool"] = new[] { "name", "op", "kernel", "stride", "pad", "ceil" },
        ["dropout"] = new[] { "name", "op", "p" },
        ["lrn"] = new[] { "name", "op", "size", "alpha", "beta", "k" },
        ["repeat"] = new[] { "op", "times", "start", "var", "layers" },
    };

    /// <summary>Ops of head nodes and their keys.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> HeadOps { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["score"] = new[] { "name", "op", "from", "kernel", "pad", "init", "std" },
        ["conv"] = new[] { "name", "op", "from", "out", "kernel", "stride", "pad", "dilation", "groups", "bias", "init", "std" },
        ["batchnorm"] = new[] { "name", "op", "from", "eps", "momentum" },
        ["relu"] = new[] { "name", "op", "from" },
        ["dropout"] = new[] { "name", "op", "from", "p" },
        ["scale"] = new[] { "name", "op", "from", "factor" },
        ["fcn_head"] = new[] { "name", "op", "from", "channels", "dropout" },
        ["sum"] = new[] { "name", "op", "inputs", "coefficients" },
        ["concat"] = new[] { "name", "op", "inputs" },
        ["upsample"] = new[] { "name", "op", "from", "factor", "kernel", "stride", "pad", "bias", "init", "learnable" },
        ["resize"] = new[] { "name", "op", "from", "to" },
        ["crop"] = new[] { "name", "op", "from", "to", "offset" },
    };

    /// <summary>Words accepted by <c>init:</c>; <c>bilinear</c> only for upsampling.</summary>
    public static IReadOnlyList<string> Inits { get; } = new[] { "default", "zeros", "normal", "kaiming", "bilinear" };

    /// <summary>Values of <c>output_stride:</c> for catalogue backbones.</summary>
    public static IReadOnlyList<int> OutputStrides { get; } = new[] { 32, 16, 8 };
}
