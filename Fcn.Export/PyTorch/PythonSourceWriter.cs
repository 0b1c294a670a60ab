using System.Text;

namespace Fcn.Export.PyTorch;

/// <summary>Lines of Python with four-space indentation (Python's blocks are its indentation, so it is tracked, not guessed).</summary>
internal sealed class PythonSourceWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public void Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', 4 * depth).Append(line);
        text.Append('\n');
    }

    /// <summary>Each line of <paramref name="block"/> at the current indentation (blank lines stay blank).</summary>
    public void Lines(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").TrimEnd('\n').Split('\n')) Line(line);
    }

    /// <summary>Each line of <paramref name="comment"/> as a <c>#</c> comment.</summary>
    public void Comment(string comment)
    {
        foreach (string line in comment.Replace("\r\n", "\n").Trim().Split('\n')) Line(("# " + line.Trim()).TrimEnd());
    }

    public void Indent() => depth++;

    public void Unindent() => depth--;

    public override string ToString() => text.ToString();
}
