using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fcn.Generator.Pipeline;

/// <summary>
/// The few build settings the generator reads, reduced to a small value so that the pipeline stays
/// cached when any other MSBuild property or editorconfig setting changes.
/// </summary>
/// <param name="RootNamespace">The project's root namespace: the namespace of specs that declare none.</param>
/// <param name="ProjectDirectory">The project's folder: a spec in a subfolder gets the folders appended
/// to the root namespace, as C# does for a new class (Models/Voc/x.fcn.yaml -> RootNamespace.Models.Voc).</param>
/// <param name="DocsBaseUrl">Where spec.md is (MSBuild property FcnDocsBaseUrl): diagnostics' help links point there.</param>
internal sealed record GeneratorOptions(string? RootNamespace, string? ProjectDirectory = null, string? DocsBaseUrl = null)
{
    public static GeneratorOptions From(AnalyzerConfigOptionsProvider provider)
    {
        provider.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? rootNamespace);
        provider.GlobalOptions.TryGetValue("build_property.ProjectDir", out string? projectDirectory);
        provider.GlobalOptions.TryGetValue("build_property.FcnDocsBaseUrl", out string? docsBaseUrl);
        return new GeneratorOptions(
            string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace!.Trim(),
            string.IsNullOrWhiteSpace(projectDirectory) ? null : projectDirectory!.Trim(),
            string.IsNullOrWhiteSpace(docsBaseUrl) ? null : docsBaseUrl!.Trim());
    }

    /// <summary>The default namespace of each spec below the project folder; specs elsewhere get <see cref="RootNamespace"/>.</summary>
    public Dictionary<string, string> FolderNamespaces(IEnumerable<string> specPaths)
    {
        var namespaces = new Dictionary<string, string>(System.StringComparer.Ordinal);
        if (RootNamespace is null || ProjectDirectory is null) return namespaces;
        string project = Path.GetFullPath(ProjectDirectory);
        if (!project.EndsWith(Path.DirectorySeparatorChar.ToString(), System.StringComparison.Ordinal)) project += Path.DirectorySeparatorChar;
        foreach (string path in specPaths)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is null) continue;
            folder += Path.DirectorySeparatorChar;
            if (!folder.StartsWith(project, System.StringComparison.Ordinal) || folder.Length == project.Length) continue;
            var name = new StringBuilder(RootNamespace);
            foreach (string segment in folder.Substring(project.Length).Split(new[] { Path.DirectorySeparatorChar }, System.StringSplitOptions.RemoveEmptyEntries))
                name.Append('.').Append(Identifier(segment));
            namespaces[path] = name.ToString();
        }
        return namespaces;
    }

    /// <summary>A folder name as a namespace part: other characters become '_', a leading digit gets a '_'.</summary>
    private static string Identifier(string segment)
    {
        var identifier = new StringBuilder(segment.Length + 1);
        if (char.IsDigit(segment[0])) identifier.Append('_');
        foreach (char c in segment) identifier.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        return identifier.ToString();
    }
}
