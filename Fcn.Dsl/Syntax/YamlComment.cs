namespace Fcn.Dsl.Syntax;

/// <summary>A comment as the scanner saw it: where, its text without '#', and whether code precedes it on its line.</summary>
internal readonly record struct YamlComment(int Line, int Column, string Text, bool IsInline);
