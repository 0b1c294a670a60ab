using System;
using System.IO;
using Fcn.Cli.Infrastructure;

namespace Fcn.Cli.Graph;

/// <summary>The output formats of <c>fcn graph</c>.</summary>
internal enum GraphFormat
{
    Dot,
    Mermaid,
    Svg,
}

/// <summary>Reads a <see cref="GraphFormat"/> from <c>--format</c> or, failing that, from the output file's extension.</summary>
internal static class GraphFormats
{
    public static GraphFormat Choose(string? format, string? outputPath)
    {
        if (format is not null)
        {
            return format.ToLowerInvariant() switch
            {
                "dot" or "gv" => GraphFormat.Dot,
                "mermaid" or "mmd" => GraphFormat.Mermaid,
                "svg" => GraphFormat.Svg,
                _ => throw new UserError($"--format '{format}' is not a graph format; use dot, mermaid or svg."),
            };
        }

        return Path.GetExtension(outputPath ?? "").ToLowerInvariant() switch
        {
            ".svg" => GraphFormat.Svg,
            ".mmd" or ".mermaid" or ".md" => GraphFormat.Mermaid,
            _ => GraphFormat.Dot,
        };
    }
}
