using System;
using System.Text;

namespace Fcn.Generator.Emission;

/// <summary>
/// A tiny indented text writer for generated C#, after System.Text.Json's generator helper: lines are
/// written with the current indentation, <see cref="OpenBlock"/> / <see cref="CloseBlock"/> write the
/// braces and indent, and every line ends in <c>\n</c> whatever the machine, so output is byte-identical
/// everywhere.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;

    private readonly StringBuilder text = new();
    private int indentation;

    public void WriteLine(string line)
    {
        if (line.Length > 0) text.Append(' ', indentation * SpacesPerLevel).Append(line);
        text.Append('\n');
    }

    public void WriteLine() => text.Append('\n');

    /// <summary>Writes several lines (split on <c>\n</c>), each indented.</summary>
    public void WriteLines(string lines)
    {
        foreach (string line in lines.Replace("\r\n", "\n").Split('\n')) WriteLine(line);
    }

    public void OpenBlock()
    {
        WriteLine("{");
        indentation++;
    }

    /// <summary>Closes a block; <paramref name="suffix"/> follows the brace (e.g. <c>;</c> after an initializer).</summary>
    public void CloseBlock(string suffix = "")
    {
        if (indentation == 0) throw new InvalidOperationException("No block is open.");
        indentation--;
        WriteLine("}" + suffix);
    }

    public void Indent() => indentation++;

    public void Unindent()
    {
        if (indentation == 0) throw new InvalidOperationException("Indentation is already zero.");
        indentation--;
    }

    public override string ToString() => text.ToString();
}
