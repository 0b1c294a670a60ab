using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics;

/// <summary>
/// One spec to compile: a YAML document, or one item of a document's <c>variants:</c> (whose parent is
/// the spec it is written in). <see cref="Order"/> keeps output and diagnostics in input order.
/// </summary>
internal sealed class SpecUnit
{
    public SpecUnit(string path, int order, MappingNode root, string? leadingComment, ScalarNode? modelName, ScalarNode? parentName, SpecUnit? variantOf)
    {
        Path = path;
        Order = order;
        Root = root;
        LeadingComment = leadingComment;
        ModelName = modelName;
        ParentName = parentName;
        VariantOf = variantOf;
    }

    public string Path { get; }

    public int Order { get; }

    public MappingNode Root { get; }

    public string? LeadingComment { get; }

    /// <summary>The <c>model:</c> scalar, or null when missing or unusable (the spec is then checked but not emitted).</summary>
    public ScalarNode? ModelName { get; }

    /// <summary>The <c>extends:</c> scalar (for a variant: the enclosing spec's <c>model:</c>).</summary>
    public ScalarNode? ParentName { get; }

    public SpecUnit? VariantOf { get; }

    public string DisplayName => ModelName?.Value ?? "(unnamed spec)";
}
