using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Fcn.Generator.Diagnostics;

/// <summary>
/// One <see cref="DiagnosticDescriptor"/> per spec diagnostic ID and severity, created on first use
/// and then reused: descriptors are compared by reference in places, and a build reports the same IDs
/// over and over.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category under which IDEs group the spec diagnostics.</summary>
    public const string Category = "FcnDsl";

    private static readonly ConcurrentDictionary<(string Id, DiagnosticSeverity Severity), DiagnosticDescriptor> Cache = new();

    public static DiagnosticDescriptor For(string id, DiagnosticSeverity severity) =>
        Cache.GetOrAdd((id, severity), key => new DiagnosticDescriptor(
            id: key.Id,
            title: key.Id + ": FCN spec problem",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: key.Severity,
            isEnabledByDefault: true,
            helpLinkUri: HelpLink(key.Id)));

    /// <summary>The anchor of the ID's entry in docs/spec.md: headings there are the lower-case ID.</summary>
    public static string HelpLink(string id) => "docs/spec.md#" + id.ToLowerInvariant();
}
