using System;

namespace Fcn.Generator.Diagnostics;

/// <summary>
/// Where a diagnostic's help link points: its entry in the spec reference (<c>spec.md</c>, whose headings
/// are the lower-case IDs), as an absolute URI an IDE can open.
/// </summary>
/// <remarks>
/// The reference travels with the generator package (<c>docs/spec.md</c>); the package's props set the
/// MSBuild property <c>FcnDocsBaseUrl</c> to that folder, and inside this repository Directory.Build.props
/// sets it to <c>docs/</c>. A project can point it elsewhere (a web copy: <c>https://.../docs/</c>). The
/// base is a URL or a folder path (made a <c>file:</c> URI). With no base (a ProjectReference to the
/// generator from outside the repository, which gets no props) the link is the path inside the
/// repository, the best that is known.
/// </remarks>
internal static class DiagnosticHelpLinks
{
    private const string Reference = "spec.md";
    private const string RepositoryFolder = "docs/";

    /// <summary>The help link of <paramref name="id"/> under <paramref name="docsBase"/> (the folder holding spec.md).</summary>
    public static string For(string id, string? docsBase)
    {
        string anchor = "#" + id.ToLowerInvariant();
        if (docsBase is null || docsBase.Trim().Length == 0)
            return RepositoryFolder + Reference + anchor;
        string folder = docsBase.Trim();
        if (!folder.EndsWith("/", StringComparison.Ordinal) && !folder.EndsWith("\\", StringComparison.Ordinal))
            folder += "/";
        // Absolute URLs and rooted paths (Unix "/...", Windows "C:\...") both parse as absolute URIs. The
        // anchor goes on afterwards: resolved against a file: URI, "#" would be escaped into the path.
        return Uri.TryCreate(folder, UriKind.Absolute, out Uri? baseUri)
            ? new Uri(baseUri, Reference).AbsoluteUri + anchor
            : folder.Replace('\\', '/') + Reference + anchor;
    }
}
