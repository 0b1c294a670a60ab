using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot testing after Verify's conventions (Verify itself cannot be restored here): the expected
/// text lives in <c>Snapshots/&lt;TestClass&gt;.&lt;TestMethod&gt;.verified.cs</c> beside the tests; a mismatch
/// writes <c>*.received.cs</c> next to it and fails with a unified diff. Setting
/// <c>FCN_ACCEPT_SNAPSHOTS=1</c> (or Verify's <c>VERIFY_AUTOVERIFY</c>) accepts the new text instead.
/// </summary>
internal static class Snapshot
{
    private const int ContextLines = 3;

    /// <param name="actual">The text to compare.</param>
    /// <param name="parameter">Distinguishes the cases of a theory (e.g. the spec's name).</param>
    public static void Verify(string actual, string? parameter = null, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "..", "Snapshots");
        string name = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + (parameter is null ? "" : "_" + parameter);
        string verifiedPath = Path.GetFullPath(Path.Combine(directory, name + ".verified.cs"));
        string receivedPath = Path.GetFullPath(Path.Combine(directory, name + ".received.cs"));
        actual = Normalize(actual);

        string? expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        if (AcceptNewSnapshots())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        string message = expected is null
            ? "No verified snapshot " + verifiedPath + " yet. Review " + receivedPath + " and rename it, or run with FCN_ACCEPT_SNAPSHOTS=1."
            : "Snapshot mismatch: " + verifiedPath + "\n(received: " + receivedPath + "; accept with FCN_ACCEPT_SNAPSHOTS=1)\n" + UnifiedDiff(expected, actual);
        throw new XunitException(message);
    }

    private static bool AcceptNewSnapshots() =>
        IsSet(Environment.GetEnvironmentVariable("FCN_ACCEPT_SNAPSHOTS")) || IsSet(Environment.GetEnvironmentVariable("VERIFY_AUTOVERIFY"));

    private static bool IsSet(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Line endings unified and the generator's version scrubbed.</summary>
    private static string Normalize(string text) => ScrubGeneratorVersion(text.Replace("\r\n", "\n"));

    /// <summary>
    /// The <c>[GeneratedCode]</c> attribute carries the generator's assembly version; a snapshot pins the
    /// code, not the release, so a version bump must not break every snapshot.
    /// </summary>
    private static readonly Regex GeneratorVersion = new(
        @"(GeneratedCode\(""Fcn\.Generator"", "")[^""]*("")", RegexOptions.CultureInvariant);

    internal const string VersionPlaceholder = "{GeneratorVersion}";

    internal static string ScrubGeneratorVersion(string text) =>
        GeneratorVersion.Replace(text, "${1}" + VersionPlaceholder + "${2}");

    /// <summary>A unified diff (<c>-</c> expected, <c>+</c> received) with a few lines of context around each change.</summary>
    internal static string UnifiedDiff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var lines = diff.Lines;
        var builder = new StringBuilder("--- verified\n+++ received\n");
        int lastPrinted = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged) continue;
            int from = Math.Max(lastPrinted + 1, i - ContextLines);
            if (from > lastPrinted + 1) builder.Append("@@ line ").Append(from + 1).Append(" @@\n");
            int to = i;
            // Extend the hunk over following changes that are close enough to share context.
            while (to + 1 < lines.Count && (lines[to + 1].Type != ChangeType.Unchanged || NextChangeWithin(lines, to + 1, ContextLines * 2)))
                to++;
            int end = Math.Min(lines.Count - 1, to + ContextLines);
            for (int j = from; j <= end; j++) builder.Append(Prefix(lines[j].Type)).Append(lines[j].Text).Append('\n');
            lastPrinted = end;
            i = end;
        }
        return builder.ToString();
    }

    private static bool NextChangeWithin(System.Collections.Generic.List<DiffPiece> lines, int start, int distance)
    {
        for (int k = start; k < lines.Count && k < start + distance; k++)
            if (lines[k].Type != ChangeType.Unchanged) return true;
        return false;
    }

    private static string Prefix(ChangeType type) => type switch
    {
        ChangeType.Deleted => "-",
        ChangeType.Inserted => "+",
        ChangeType.Modified => "~",
        _ => " ",
    };
}
