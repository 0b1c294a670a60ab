using System.Collections.Generic;

namespace Fcn.Dsl.Diagnostics;

/// <summary>
/// Every diagnostic the spec language reports, with a stable ID. IDs never change meaning once
/// published (build logs, suppressions and docs/spec.md refer to them); retire an ID rather than
/// reuse it. FCN0xxx are errors, FCN1xxx warnings. A test keeps this table and docs/spec.md in step.
/// </summary>
public static class DiagnosticIds
{
    // Syntax and structure of the YAML itself.
    public const string InternalError = "FCN0000";
    public const string YamlSyntax = "FCN0001";
    public const string UnknownKey = "FCN0002";
    public const string WrongType = "FCN0003";
    public const string OutOfRange = "FCN0004";
    public const string MissingField = "FCN0005";
    public const string DuplicateKey = "FCN0006";
    public const string UnknownValue = "FCN0007";

    // Names and references.
    public const string UnknownBackbone = "FCN0101";
    public const string BackboneOptions = "FCN0102";
    public const string UnknownReference = "FCN0103";
    public const string DuplicateName = "FCN0104";
    public const string Cycle = "FCN0105";
    public const string InvalidIdentifier = "FCN0106";
    public const string KeywordName = "FCN0107";
    public const string ReservedName = "FCN0108";
    public const string UndeclaredParameter = "FCN0109";
    public const string DuplicateSuffix = "FCN0110";

    // Shapes: channels, strides and alignment.
    public const string ChannelMismatch = "FCN0201";
    public const string StrideMismatch = "FCN0202";
    public const string NonIntegralUpsampling = "FCN0203";
    public const string NonIntegralCropOffset = "FCN0204";
    public const string NegativeCropOffset = "FCN0205";
    public const string OutputStride = "FCN0206";
    public const string CoefficientCount = "FCN0207";
    public const string ClassCountUnknown = "FCN0208";

    // Inheritance: extends, variants, remove, patches.
    public const string DuplicateModel = "FCN0301";
    public const string UnknownParent = "FCN0302";
    public const string ExtendsCycle = "FCN0303";
    public const string OverrideMissing = "FCN0304";

    // Published weights (weights:).
    public const string WeightsUrl = "FCN0501";
    public const string WeightsChecksum = "FCN0502";
    public const string DuplicateWeights = "FCN0503";

    // Warnings.
    public const string UnusedHeadNode = "FCN1001";
    public const string UnusedTap = "FCN1002";
    public const string UnusedInput = "FCN1003";

    /// <summary>Every ID with its severity and a one-line description (the table in docs/spec.md).</summary>
    public static IReadOnlyList<DiagnosticDescription> All { get; } = new[]
    {
        new DiagnosticDescription(InternalError, DiagnosticSeverity.Error, "Internal error: the compiler failed on this spec (please report it)."),
        new DiagnosticDescription(YamlSyntax, DiagnosticSeverity.Error, "The file is not valid YAML."),
        new DiagnosticDescription(UnknownKey, DiagnosticSeverity.Error, "A key that is not part of the language at this place."),
        new DiagnosticDescription(WrongType, DiagnosticSeverity.Error, "A value of the wrong kind (e.g. a list where a number is expected)."),
        new DiagnosticDescription(OutOfRange, DiagnosticSeverity.Error, "A number outside the range the field accepts, or a spec too large to build."),
        new DiagnosticDescription(MissingField, DiagnosticSeverity.Error, "A required key is missing."),
        new DiagnosticDescription(DuplicateKey, DiagnosticSeverity.Error, "The same key appears twice in one mapping."),
        new DiagnosticDescription(UnknownValue, DiagnosticSeverity.Error, "A word that is not one of the field's choices (an op, an init, ...)."),
        new DiagnosticDescription(UnknownBackbone, DiagnosticSeverity.Error, "A backbone name that is not in the catalogue."),
        new DiagnosticDescription(BackboneOptions, DiagnosticSeverity.Error, "The catalogue backbone does not support the options given."),
        new DiagnosticDescription(UnknownReference, DiagnosticSeverity.Error, "A reference to a node, tap or layer that does not exist."),
        new DiagnosticDescription(DuplicateName, DiagnosticSeverity.Error, "Two nodes, layers or taps share a name."),
        new DiagnosticDescription(Cycle, DiagnosticSeverity.Error, "Head nodes that depend on each other in a cycle."),
        new DiagnosticDescription(InvalidIdentifier, DiagnosticSeverity.Error, "A name that is not a valid C# identifier."),
        new DiagnosticDescription(KeywordName, DiagnosticSeverity.Error, "A name that is a C# keyword."),
        new DiagnosticDescription(ReservedName, DiagnosticSeverity.Error, "A name that collides with a member of the generated class."),
        new DiagnosticDescription(UndeclaredParameter, DiagnosticSeverity.Error, "A $name that refers to no declared parameter."),
        new DiagnosticDescription(DuplicateSuffix, DiagnosticSeverity.Error, "Two catalogue backbones of one spec with the same `suffix:` (their layers would share names)."),
        new DiagnosticDescription(ChannelMismatch, DiagnosticSeverity.Error, "A sum fuses inputs whose channel counts differ."),
        new DiagnosticDescription(StrideMismatch, DiagnosticSeverity.Error, "A fusion or crop of inputs whose strides differ."),
        new DiagnosticDescription(NonIntegralUpsampling, DiagnosticSeverity.Error, "An upsampling factor that is not a whole number or does not divide the input's stride."),
        new DiagnosticDescription(NonIntegralCropOffset, DiagnosticSeverity.Error, "Inputs whose alignment needs a fractional crop offset."),
        new DiagnosticDescription(NegativeCropOffset, DiagnosticSeverity.Error, "A crop offset below zero: the node is smaller than its reference."),
        new DiagnosticDescription(OutputStride, DiagnosticSeverity.Error, "An output whose stride is not 1 (not at the input's resolution)."),
        new DiagnosticDescription(CoefficientCount, DiagnosticSeverity.Error, "A sum's `coefficients:` do not match its inputs (one number per input)."),
        new DiagnosticDescription(ClassCountUnknown, DiagnosticSeverity.Error, "An output, or a score layer it reads, whose class count cannot be inferred."),
        new DiagnosticDescription(DuplicateModel, DiagnosticSeverity.Error, "Two specs generate the same type (same namespace and model)."),
        new DiagnosticDescription(UnknownParent, DiagnosticSeverity.Error, "`extends:` names a model that no spec declares."),
        new DiagnosticDescription(ExtendsCycle, DiagnosticSeverity.Error, "Specs that extend each other in a cycle."),
        new DiagnosticDescription(OverrideMissing, DiagnosticSeverity.Error, "A derived spec removes or patches a node its parent does not have."),
        new DiagnosticDescription(WeightsUrl, DiagnosticSeverity.Error, "A `weights:` entry whose url is missing, not an absolute http(s) URL, or names no file."),
        new DiagnosticDescription(WeightsChecksum, DiagnosticSeverity.Error, "A `weights:` entry that cannot be verified: `sha256:` is not 64 hex digits, disagrees with the file name's hash, or neither is there."),
        new DiagnosticDescription(DuplicateWeights, DiagnosticSeverity.Error, "Two `weights:` entries with the same name, or the same file name from different URLs."),
        new DiagnosticDescription(UnusedHeadNode, DiagnosticSeverity.Warning, "A head node that no output depends on."),
        new DiagnosticDescription(UnusedTap, DiagnosticSeverity.Warning, "A declared tap that no output depends on."),
        new DiagnosticDescription(UnusedInput, DiagnosticSeverity.Warning, "A declared input that no output depends on."),
    };
}
