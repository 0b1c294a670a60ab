using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Fcn.Generator.Diagnostics;

/// <summary>
/// One <see cref="DiagnosticDescriptor"/> per spec diagnostic ID, severity and help link, created on first use
/// and then reused: descriptors are compared by reference in places, and a build reports the same IDs
/// over and over.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category under which IDEs group the spec diagnostics.</summary>
    public const string Category = "FcnDsl";

    private static readonly ConcurrentDictionary<(string Id, DiagnosticSeverity Severity, string HelpLink), DiagnosticDescriptor> Cache = new();

    /// <param name="id">The spec diagnostic's ID.</param>
    /// <param name="severity">Its severity.</param>
    /// <param name="docsBase">The folder or URL holding spec.md (<see cref="DiagnosticHelpLinks"/>).</param>
    public static DiagnosticDescriptor For(string id, DiagnosticSeverity severity, string? docsBase) =>
        Cache.GetOrAdd((id, severity, DiagnosticHelpLinks.For(id, docsBase)), key => new DiagnosticDescriptor(
            id: key.Id,
            title: key.Id + ": FCN spec problem",
            messageFormat: "{0}",
            category: Category,
            defaultSeverity: key.Severity,
            isEnabledByDefault: true,
            helpLinkUri: key.HelpLink));
}
